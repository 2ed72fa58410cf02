/** The exported manifest of the design, refreshed (debounced, stale requests aborted) while shown. */

import { useEffect, useState } from "react";

import { exportDesign } from "../api/rest";
import { useEditor } from "../store/editor-context";

export type ExportState =
  | { status: "empty" }
  | { status: "loading"; text: string }
  | { status: "ready"; text: string }
  | { status: "error"; text: string; message: string };

export function useDebouncedExport(active: boolean, delay = 300): ExportState {
  const doc = useEditor((s) => s.doc);
  const kind = useEditor((s) => s.exportKind);
  const [state, setState] = useState<ExportState>({ status: "empty" });
  useEffect(() => {
    if (!active) return;
    if (doc.pods.length === 0) {
      setState({ status: "empty" });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ status: "loading", text: "text" in s ? s.text : "" }));
    const timer = setTimeout(async () => {
      try {
        const result = await exportDesign(
          { document: doc, kind, format: "yaml", draft: true },
          controller.signal,
        );
        if (controller.signal.aborted) return;
        setState(
          result.ok
            ? { status: "ready", text: result.value }
            : { status: "error", text: "", message: `The manifest preview is unavailable: ${result.error.message}` },
        );
      } catch {
        // aborted by a newer edit
      }
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [active, doc, kind, delay]);
  return state;
}
