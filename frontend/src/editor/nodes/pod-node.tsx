import type { NodeProps } from "@xyflow/react";
import { memo } from "react";

import { podName } from "../../domain/design";
import type { PodNode as PodNodeType } from "../../domain/graph-types";
import { LANE_LABELS } from "../../domain/roles";
import { useEditor } from "../../store/editor-context";
import { FindingBadge, highlightClass } from "../finding-badge";
import { PauseIndicator } from "./pause-indicator";

const LANE_TEXT = {
  ...LANE_LABELS,
  volumes: "Volumes · drag a top dot onto a container's dot",
};
const EMPTY_TEXT = {
  init: "Drop a container here to run it before the app",
  app: "Drop the app's containers here",
  helpers: "Drop sidecars, ambassadors and adapters here",
  volumes: "Drop volumes here",
};

function PodNodeView({ id, data, selected }: NodeProps<PodNodeType>) {
  const counts = useEditor((s) => s.findingIndex.get(id));
  const kind = data.pod.workload?.["kind"];
  return (
    <div className={`pod-node ${selected ? "is-selected" : ""} ${highlightClass(counts)}`} data-testid="pod-node" data-name={podName(data.pod)}>
      <div className="pod-header pod-drag-handle">
        <span className="pod-icon" aria-hidden="true">
          ⬡
        </span>
        <span className="pod-title">
          <span className="pod-kind">{typeof kind === "string" ? `${kind} template` : "Pod"}</span>
          <span className="pod-name">{podName(data.pod)}</span>
        </span>
        <FindingBadge counts={counts} />
      </div>
      <PauseIndicator spec={data.pod.spec} />
      {data.lanes.map((lane) => (
        <div
          key={lane.lane}
          className={`lane lane-${lane.lane}`}
          style={{ top: lane.y, height: lane.height }}
          data-testid={`lane-${lane.lane}`}
        >
          <span className="lane-label">{LANE_TEXT[lane.lane]}</span>
          {lane.count === 0 ? <span className="lane-empty">{EMPTY_TEXT[lane.lane]}</span> : null}
        </div>
      ))}
    </div>
  );
}

export const PodNodeComponent = memo(PodNodeView);
