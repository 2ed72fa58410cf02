import type { NodeProps } from "@xyflow/react";
import { memo } from "react";

import { podName } from "../../domain/design";
import type { PodNode as PodNodeType } from "../../domain/graph-types";
import { LANE_LABELS } from "../../domain/roles";
import { CONDITION_TYPES, type PodView } from "../../preview/pod-state";
import { selectPodView, usePreview } from "../../preview/preview-store";
import { useEditor } from "../../store/editor-context";
import { FindingBadge, highlightClass } from "../finding-badge";
import { PauseIndicator } from "./pause-indicator";

const CONDITION_SHORT: Record<string, string> = {
  PodScheduled: "Scheduled",
  PodReadyToStartContainers: "ReadyToStart",
  Initialized: "Initialized",
  ContainersReady: "ContainersReady",
  Ready: "Ready",
};

/** While previewing: the Pod's phase, as ``status.phase`` would say. */
function PodPhase({ view }: { view: PodView }) {
  const phase = view.deleted ? "Deleted" : view.phase || "—";
  return (
    <span className={`pv-phase pv-phase-${phase.toLowerCase()}`} data-testid="preview-phase" title="status.phase">
      {phase}
      {view.deleting && !view.deleted ? " · terminating" : ""}
    </span>
  );
}

/** While previewing: the Pod's five conditions, as the API would report them. */
function PodConditions({ view }: { view: PodView }) {
  return (
    <span className="pv-conditions" data-testid="preview-pod-status">
      {CONDITION_TYPES.map((type) => {
        const c = view.conditions[type];
        const status = c?.status ?? "Unknown";
        return (
          <span
            key={type}
            className={`pv-cond pv-cond-${status.toLowerCase()}`}
            data-testid={`condition-${type}`}
            data-status={status}
            title={`${type}: ${status}${c?.reason ? ` (${c.reason})` : ""}${c ? ` since ${c.t}s` : " (not reported yet)"}`}
          >
            <span className="pv-cond-mark" aria-hidden="true">
              {status === "True" ? "✓" : status === "False" ? "✕" : "·"}
            </span>
            {CONDITION_SHORT[type]}
          </span>
        );
      })}
    </span>
  );
}

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
  const preview = usePreview((s) => selectPodView(s, id));
  return (
    <div
      className={`pod-node ${selected ? "is-selected" : ""} ${highlightClass(counts)} ${preview ? "is-previewing" : ""}`}
      data-testid="pod-node"
      data-name={podName(data.pod)}
      data-phase={preview ? preview.phase : undefined}
    >
      <div className="pod-header pod-drag-handle">
        <span className="pod-icon" aria-hidden="true">
          ⬡
        </span>
        <span className="pod-title">
          <span className="pod-kind">
            {typeof kind === "string" ? `${kind} template` : "Pod"}
            {preview ? <PodPhase view={preview} /> : null}
          </span>
          <span className="pod-name">{podName(data.pod)}</span>
        </span>
        {preview ? <PodConditions view={preview} /> : <FindingBadge counts={counts} />}
      </div>
      <PauseIndicator spec={data.pod.spec} sandbox={preview?.sandbox} />
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
