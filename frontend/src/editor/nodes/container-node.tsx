import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";

import { ROLES, type Role, containerName } from "../../domain/design";
import { containerPorts } from "../../domain/fields";
import type { ContainerNode as ContainerNodeType } from "../../domain/graph-types";
import { mountCounts } from "../../domain/mapping";
import { reorderContainer, setRole } from "../../domain/ops";
import { ROLE_INFO, laneOf } from "../../domain/roles";
import type { ContainerBadge } from "../../preview/pod-state";
import { selectBadge, usePreviewShallow } from "../../preview/preview-store";
import { useEditor, useEditorApi } from "../../store/editor-context";
import { FindingBadge, highlightClass } from "../finding-badge";
import { StateIcon } from "./state-icon";

/** The card's state while the Pod is previewed: colour, icon, words, and a countdown bar. */
function PreviewStatus({ badge, name }: { badge: ContainerBadge; name: string }) {
  return (
    <div
      className={`pv-status pv-tone-${badge.tone}`}
      data-testid="preview-status"
      title={`${name}: ${badge.tone === "crash" ? "CrashLoopBackOff" : badge.label}${badge.detail ? ` · ${badge.detail.replace(/^kill in/, "SIGKILL in")}` : ""}`}
      aria-live="polite"
    >
      <StateIcon tone={badge.tone} />
      <span className="pv-label">{badge.label}</span>
      {badge.detail ? <span className="pv-detail" data-testid="preview-detail">{badge.detail}</span> : null}
      {badge.progress !== null ? <span className="pv-progress" style={{ width: `${Math.round((1 - badge.progress) * 100)}%` }} /> : null}
    </div>
  );
}

function ContainerNodeView({ id, data, selected }: NodeProps<ContainerNodeType>) {
  const store = useEditorApi();
  const counts = useEditor((s) => s.findingIndex.get(id));
  const mounts = useEditor((s) => mountCounts(s.edges).get(id) ?? 0);
  const { container, order } = data;
  const role = ROLE_INFO[container.role];
  const image = typeof container.spec["image"] === "string" ? container.spec["image"] : "";
  const ports = containerPorts(container.spec);
  const lane = laneOf(container.role);
  const ordered = lane !== "app";
  const name = containerName(container);
  const native = container.native === true ? " · native" : "";
  const badge = usePreviewShallow((s) => selectBadge(s, data.podId, name));
  return (
    <div
      className={`container-node role-${container.role} ${selected ? "is-selected" : ""} ${highlightClass(counts)} ${badge ? `pv pv-${badge.tone}` : ""}`}
      style={{ borderLeftColor: role.colour }}
      data-testid="container-node"
      data-role={container.role}
      data-name={name}
      data-preview-state={badge?.state}
    >
      <div className="card-top">
        <label className="role-chip nodrag" style={{ background: role.tint, color: role.colour }} title={role.explain}>
          {ordered ? <span className="order-badge" data-testid="order-badge">{order}</span> : null}
          <select
            aria-label={`Role of ${name}`}
            value={container.role}
            onChange={(e) => store.getState().apply((d) => setRole(d, id, e.target.value as Role), { select: id })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_INFO[r].label}
              </option>
            ))}
          </select>
        </label>
        {native ? <span className="native-tag">native</span> : null}
        <FindingBadge counts={counts} />
      </div>
      <div className="card-name" title={name}>
        {name}
      </div>
      <div className={`card-image ${image ? "" : "is-missing"}`} title={image}>
        {image || "no image yet"}
      </div>
      {badge ? (
        <PreviewStatus badge={badge} name={name} />
      ) : (
        <div className="card-bottom">
          {ports.slice(0, 2).map((p) => (
            <span key={p} className={`port-chip ${container.role === "ambassador" ? "is-ambassador" : ""}`} title="Other containers of the Pod reach it here">
              localhost:{p}
            </span>
          ))}
          {mounts ? <span className="mount-count">{mounts} mount{mounts === 1 ? "" : "s"}</span> : null}
          {ordered ? (
            <span className="reorder nodrag">
              <button type="button" aria-label={`Move ${name} earlier`} title="Earlier" onClick={() => store.getState().apply((d) => reorderContainer(d, id, -1))}>
                ◀
              </button>
              <button type="button" aria-label={`Move ${name} later`} title="Later" onClick={() => store.getState().apply((d) => reorderContainer(d, id, 1))}>
                ▶
              </button>
            </span>
          ) : null}
        </div>
      )}
      <Handle type="target" position={Position.Top} className="mount-handle" title="Drag a volume here to mount it" />
    </div>
  );
}

export const ContainerNodeComponent = memo(ContainerNodeView);
