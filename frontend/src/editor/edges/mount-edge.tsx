/**
 * A mount: a wire from the volume row up the Pod's left gutter and into the card from above, so it
 * never crosses another card. The label (mount path, ro/rw) sits just above the card it enters.
 */

import { BaseEdge, EdgeLabelRenderer, type EdgeProps, useInternalNode } from "@xyflow/react";
import { memo } from "react";

import type { MountEdge as MountEdgeType } from "../../domain/graph-types";
import { POD_PAD } from "../../domain/layout";
import { LABEL_MAX_WIDTH, mountLabel } from "../../domain/mapping";
import { useEditor, useEditorApi } from "../../store/editor-context";

const RISE = 10; // how far above a card or the volume row the wire turns

/** An orthogonal path through ``points`` with rounded corners. */
export function roundedPath(points: readonly { x: number; y: number }[], radius = 6): string {
  const first = points[0];
  if (!first) return "";
  let d = `M ${first.x},${first.y}`;
  for (let i = 1; i < points.length; i += 1) {
    const p = points[i] as { x: number; y: number };
    const next = points[i + 1];
    if (!next) {
      d += ` L ${p.x},${p.y}`;
      break;
    }
    const prev = points[i - 1] as { x: number; y: number };
    const r = Math.min(radius, Math.abs(p.x - prev.x + p.y - prev.y) / 2, Math.abs(next.x - p.x + next.y - p.y) / 2);
    const inX = p.x - Math.sign(p.x - prev.x) * r;
    const inY = p.y - Math.sign(p.y - prev.y) * r;
    const outX = p.x + Math.sign(next.x - p.x) * r;
    const outY = p.y + Math.sign(next.y - p.y) * r;
    d += ` L ${inX},${inY} Q ${p.x},${p.y} ${outX},${outY}`;
  }
  return d;
}

function MountEdgeView({ id, sourceX, sourceY, targetX, targetY, data, selected, target }: EdgeProps<MountEdgeType>) {
  const store = useEditorApi();
  const counts = useEditor((s) => s.findingIndex.get(id));
  const podX = useInternalNode(data?.podId ?? "")?.internals.positionAbsolute.x;
  const gutter = (podX ?? Math.min(sourceX, targetX) - POD_PAD) + POD_PAD / 2;
  const path = roundedPath([
    { x: sourceX, y: sourceY },
    { x: sourceX, y: sourceY - RISE },
    { x: gutter, y: sourceY - RISE },
    { x: gutter, y: targetY - RISE },
    { x: targetX, y: targetY - RISE },
    { x: targetX, y: targetY },
  ]);
  const text = mountLabel(data?.mount.spec ?? {});
  const tone = counts?.error ? "error" : counts?.warning ? "warning" : "";
  const labelX = targetX + 10 + (data?.labelOffset ?? 0);
  return (
    <>
      <BaseEdge id={id} path={path} className={`mount-path ${tone ? `edge-${tone}` : ""} ${selected ? "is-selected" : ""}`} interactionWidth={10} />
      <EdgeLabelRenderer>
        <div
          className={`mount-label nodrag nopan ${tone ? `label-${tone}` : ""} ${selected ? "is-selected" : ""}`}
          style={{ transform: `translate(0, -50%) translate(${labelX}px, ${targetY - RISE}px)`, maxWidth: LABEL_MAX_WIDTH }}
          data-testid="mount-label"
          data-edge={id}
          data-target={target}
          title={text}
          onClick={() => store.getState().select(id)}
        >
          {text}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const MountEdgeComponent = memo(MountEdgeView);

export const edgeTypes = { mount: MountEdgeComponent };
