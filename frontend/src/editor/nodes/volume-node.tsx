import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";

import { volumeName } from "../../domain/design";
import type { VolumeNode as VolumeNodeType } from "../../domain/graph-types";
import { volumeType } from "../../domain/presets";
import { selectPodView, usePreview } from "../../preview/preview-store";
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
  const mounted = usePreview((s) => selectPodView(s, data.podId)?.volumes ?? null);
  const medium = type === "emptyDir" && (data.volume.spec["emptyDir"] as { medium?: unknown } | null)?.medium === "Memory";
  return (
    <div
      className={`volume-node vol-${type} ${selected ? "is-selected" : ""} ${highlightClass(counts)} ${mounted ? `pv-vol-${mounted}` : ""}`}
      data-testid="volume-node"
      data-name={volumeName(data.volume)}
      data-preview-volume={mounted ?? undefined}
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
      {mounted ? (
        <span className={`pv-mount pv-mount-${mounted}`} data-testid="preview-volume">
          {mounted === "mounted" ? "✓ mounted" : mounted === "unmounted" ? "unmounted" : "not mounted yet"}
        </span>
      ) : null}
    </div>
  );
}

export const VolumeNodeComponent = memo(VolumeNodeView);
