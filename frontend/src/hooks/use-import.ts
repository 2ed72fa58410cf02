/** Import manifests (pasted YAML or a dropped file) through the server into the canvas. */

import { useCallback } from "react";

import { type ApiError, importYaml } from "../api/rest";
import type { DesignDocument } from "../domain/design";
import { mergeDesign } from "../domain/merge";
import { useEditorApi } from "../store/editor-context";

export type ImportOutcome = { ok: true; notes: string[] } | { ok: false; message: string; line: number | null; column: number | null };

export function describeImportError(error: ApiError): ImportOutcome {
  const line = typeof error.details["line"] === "number" ? error.details["line"] : null;
  const column = typeof error.details["column"] === "number" ? error.details["column"] : null;
  const said = line !== null && error.message.toLowerCase().includes(`line ${line}`);
  const where = line !== null && !said ? ` (line ${line}${column !== null ? `, column ${column}` : ""})` : "";
  return { ok: false, message: `${error.message}${where}`, line, column };
}

/** The imported design, with Pods that keep their id staying where they were on the canvas. */
export function keepPodPlaces(current: DesignDocument, incoming: DesignDocument): DesignDocument {
  const layout: DesignDocument["layout"] = {};
  for (const pod of incoming.pods) {
    const box = current.layout[pod.id];
    if (box?.x !== undefined && box.y !== undefined) layout[pod.id] = { x: box.x, y: box.y };
  }
  return { ...incoming, layout };
}

/** Returns a function that imports ``text``: replacing the design or adding its Pods to it. */
export function useImportText(): (text: string, mode: "replace" | "add") => Promise<ImportOutcome> {
  const store = useEditorApi();
  return useCallback(
    async (text, mode) => {
      const result = await importYaml(text);
      if (!result.ok) return describeImportError(result.error);
      const incoming = result.value.document;
      const state = store.getState();
      state.apply((doc) => (mode === "replace" ? keepPodPlaces(doc, incoming) : mergeDesign(doc, incoming)), { select: null, fit: true });
      const pods = incoming.pods.length;
      state.toast("ok", `Imported ${pods} Pod${pods === 1 ? "" : "s"}${result.value.notes.length ? `: ${result.value.notes.join("; ")}` : "."}`);
      return { ok: true, notes: result.value.notes };
    },
    [store],
  );
}

export function useImportFile(): (file: File) => Promise<void> {
  const importText = useImportText();
  const store = useEditorApi();
  return useCallback(
    async (file) => {
      const text = await file.text();
      const outcome = await importText(text, "add");
      if (!outcome.ok) store.getState().toast("error", `${file.name} could not be imported: ${outcome.message}`);
    },
    [importText, store],
  );
}
