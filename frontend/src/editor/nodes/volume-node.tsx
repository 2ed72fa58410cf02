import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";

import { volumeName } from "../../domain/design";
import type { VolumeNode as VolumeNodeType } from "../../domain/graph-types";
import { volumeType } from "../../domain/presets";
import { useEditor } from "../../store/editor-context";
import { FindingBadge, highlightClass } from "../finding-badge";

const ICONS: Record<string, string> = {
  emptyDir: "tmp",
  configMap: "cfg",
  secret: "key",
  persistentVolumeClaim: "pvc",
  hostPath: "host",
  downwardAPI: "api",
  projected: "prj",
};

function VolumeNodeView({ id, data, selected }: NodeProps<VolumeNodeType>) {
  const counts = useEditor((s) => s.findingIndex.get(id));
  const type = volumeType(data.volume.spec);
  const medium = type === "emptyDir" && (data.volume.spec["emptyDir"] as { medium?: unknown } | null)?.medium === "Memory";
  return (
    <div
      className={`volume-node vol-${type} ${selected ? "is-selected" : ""} ${highlightClass(counts)}`}
      data-testid="volume-node"
      data-name={volumeName(data.volume)}
    >
      <Handle type="source" position={Position.Top} className="volume-handle" title="Drag to a container to mount this volume" />
      <span className="volume-icon" aria-hidden="true">
        {ICONS[type] ?? "vol"}
      </span>
      <span className="volume-text">
        <span className="volume-name">{volumeName(data.volume)}</span>
        <span className="volume-type">
          {type}
          {medium ? " · memory" : ""}
        </span>
      </span>
      <FindingBadge counts={counts} />
    </div>
  );
}

export const VolumeNodeComponent = memo(VolumeNodeView);
