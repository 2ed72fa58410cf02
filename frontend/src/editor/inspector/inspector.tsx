/** The form of the selected element, and focus on the field a finding points at. */

import { useEffect, useRef } from "react";

import { fieldCandidates } from "../../domain/findings";
import { podOf } from "../../domain/ops";
import { useEditor } from "../../store/editor-context";
import { ContainerForm } from "./container-form";
import { MountForm } from "./mount-form";
import { PodForm } from "./pod-form";
import { VolumeForm } from "./volume-form";

function useFocusRequest(root: React.RefObject<HTMLDivElement | null>) {
  const focus = useEditor((s) => s.focus);
  useEffect(() => {
    const el = root.current;
    if (!focus || !el) return;
    // Wait a frame: the form of the newly selected element renders first.
    const frame = requestAnimationFrame(() => {
      for (const key of fieldCandidates(focus.path)) {
        const field = el.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`);
        if (field) {
          field.closest("details")?.setAttribute("open", "");
          field.focus();
          field.scrollIntoView({ block: "center" });
          return;
        }
      }
      const first = el.querySelector<HTMLElement>("[data-field]");
      first?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [focus, root]);
}

export function Inspector() {
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const root = useRef<HTMLDivElement>(null);
  useFocusRequest(root);
  const pod = selection ? podOf(doc, selection) : undefined;
  let body: React.ReactNode = (
    <div className="inspector-empty">
      <p>Select a Pod, a container, a volume or a mount edge to edit it here.</p>
      <p className="muted">Delete removes the selection; Ctrl+Z undoes.</p>
    </div>
  );
  if (pod && selection) {
    const container = pod.containers.find((c) => c.id === selection);
    const volume = pod.volumes.find((v) => v.id === selection);
    const mount = pod.mounts.find((m) => m.id === selection);
    if (pod.id === selection) body = <PodForm key={pod.id} pod={pod} />;
    else if (container) body = <ContainerForm key={container.id} container={container} />;
    else if (volume) body = <VolumeForm key={volume.id} volume={volume} pod={pod} />;
    else if (mount) body = <MountForm key={mount.id} mount={mount} pod={pod} />;
  }
  return (
    <div className="inspector" ref={root} data-testid="inspector">
      {body}
    </div>
  );
}
