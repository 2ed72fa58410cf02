/** First load: the design named in the URL (or the unsaved new one), with a local draft on top. */

import { useEffect, useState } from "react";

import { getDesign, kubernetesVersions } from "../api/rest";
import { DEFAULT_VERSION, emptyDesign } from "../domain/design";
import { useEditorApi } from "../store/editor-context";
import { readDraft } from "./use-local-draft";

export function useStartup(): string[] {
  const store = useEditorApi();
  const [versions, setVersions] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const state = () => store.getState();
    const id = new URLSearchParams(window.location.search).get("design");
    const draft = readDraft(id);
    const since = (iso: string) => (iso ? ` from ${new Date(iso).toLocaleString()}` : "");

    void kubernetesVersions().then((r) => {
      if (!live) return;
      if (r.ok) {
        setVersions(r.value.versions);
        const s = state();
        if (!id && !draft && s.doc.pods.length === 0 && s.history.past.length === 0 && r.value.default) {
          s.loadDocument(emptyDesign(r.value.default), s.design);
        }
      } else {
        setVersions([DEFAULT_VERSION]);
      }
    });

    if (!id) {
      if (draft) {
        state().loadDocument(draft.doc, { ...draft.design, id: null }, { saved: emptyDesign() });
        state().toast("info", `Restored your unsaved design${since(draft.savedAt)}.`);
      }
      return () => {
        live = false;
      };
    }

    void getDesign(id).then((result) => {
      if (!live) return;
      const s = state();
      if (!result.ok) {
        if (draft) {
          s.loadDocument(draft.doc, draft.design, { saved: emptyDesign() });
          s.toast("warn", `The library did not answer (${result.error.message}); showing your local draft.`);
        } else {
          s.toast("error", `Design ${id} could not be opened: ${result.error.message}`);
        }
        return;
      }
      const server = result.value;
      if (!draft) {
        s.loadDocument(server.document, { id: server.id || id, name: server.name, revision: server.revision });
        return;
      }
      // The draft's base revision decides what a save does: a stale base shows the conflict dialog.
      s.loadDocument(draft.doc, { id: server.id || id, name: server.name, revision: draft.design.revision }, { saved: server.document });
      const stale = draft.design.revision !== server.revision;
      s.toast(
        stale ? "warn" : "info",
        stale
          ? `Restored your unsaved changes${since(draft.savedAt)}; the library has a newer revision (${server.revision ?? "?"}) — saving will let you choose.`
          : `Restored your unsaved changes${since(draft.savedAt)}.`,
      );
    });
    return () => {
      live = false;
    };
  }, [store]);
  return versions;
}
