/** Drag sources: a Pod, container presets and volume types. Click or Enter adds to the selected Pod. */

import type { DragEvent, KeyboardEvent } from "react";

import { CONTAINER_PRESETS, PALETTE_MIME, type PaletteItem, VOLUME_PRESETS, encodePaletteItem } from "../domain/presets";
import { ROLE_INFO } from "../domain/roles";
import { useEditorApi } from "../store/editor-context";

function PaletteEntry({ item, title, detail, testId, accent }: { item: PaletteItem; title: string; detail: string; testId: string; accent?: string }) {
  const store = useEditorApi();
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, encodePaletteItem(item));
    event.dataTransfer.effectAllowed = "move";
  };
  const add = () => store.getState().addFromPalette(item);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      add();
    }
  };
  return (
    <div
      className="palette-item"
      draggable
      role="button"
      tabIndex={0}
      onDragStart={onDragStart}
      onDoubleClick={add}
      onKeyDown={onKeyDown}
      data-testid={testId}
      title={`${detail}. Drag onto the canvas, or press Enter to add it to the selected Pod.`}
      style={accent ? { borderLeftColor: accent } : undefined}
    >
      <span className="palette-title">{title}</span>
      <span className="palette-detail">{detail}</span>
    </div>
  );
}

export function Palette() {
  return (
    <aside className="palette" aria-label="Palette">
      <h2>Pod</h2>
      <PaletteEntry item={{ kind: "pod" }} title="Pod" detail="A group of containers sharing a network" testId="palette-pod" />
      <h2>Containers</h2>
      {CONTAINER_PRESETS.map((p) => (
        <PaletteEntry
          key={p.key}
          item={{ kind: "container", preset: p.key }}
          title={p.label}
          detail={`${p.description} · ${ROLE_INFO[p.role].short}`}
          testId={`palette-container-${p.key}`}
          accent={ROLE_INFO[p.role].colour}
        />
      ))}
      <h2>Volumes</h2>
      {VOLUME_PRESETS.map((p) => (
        <PaletteEntry key={p.key} item={{ kind: "volume", preset: p.key }} title={p.label} detail={p.description} testId={`palette-volume-${p.key}`} />
      ))}
      <p className="palette-hint">Tip: drag from a volume's top dot to a container's bottom dot to mount it.</p>
    </aside>
  );
}
