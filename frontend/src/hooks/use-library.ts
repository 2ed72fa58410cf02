/** Library actions: open, save (with conflict detection), restore, fork. UI-free; dialogs call these. */

import { useMemo } from "react";

import * as api from "../api/rest";
import { ownSave } from "../collab/collab-store";
import { type DesignDocument, emptyDesign } from "../domain/design";
import type { DesignInfo } from "../store/editor-store";
import { useEditorApi } from "../store/editor-context";
import { clearDraft } from "./use-local-draft";

export type SaveOutcome =
  | { kind: "saved"; revision: number | null }
  | { kind: "signin" }
  | { kind: "conflict"; current: number | null; base: number | null }
  | { kind: "error"; message: string };

export function designUrl(id: string | null): string {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set("design", id);
  else url.searchParams.delete("design");
  return url.pathname + url.search + url.hash;
}

function setUrl(id: string | null): void {
  window.history.replaceState(null, "", designUrl(id));
}

function failure(error: api.ApiError): SaveOutcome {
  if (error.status === 401 || error.code === "not_authenticated") return { kind: "signin" };
  if (error.status === 403) {
    return { kind: "error", message: `${error.message} You may not change this design: Fork it to save your changes as your own.` };
  }
  return { kind: "error", message: error.message };
}

export function useLibrary() {
  const store = useEditorApi();
  return useMemo(() => {
    const adopt = (info: DesignInfo, doc: DesignDocument, previousId: string | null) => {
      store.getState().markSaved(info, doc);
      if (previousId !== info.id) clearDraft(previousId);
      setUrl(info.id);
    };

    /** Put a server document on the canvas as an undoable edit, and call it the saved state. */
    const showServerDocument = (detail: api.DesignDetail) => {
      const state = store.getState();
      const previousId = state.design.id;
      state.apply(() => detail.document, { select: null, fit: true });
      adopt({ id: detail.id, name: detail.name, revision: detail.revision }, store.getState().doc, previousId);
    };

    const create = (name: string, message: string, team: string | null): Promise<SaveOutcome> => ownSave(() => createNow(name, message, team));

    const createNow = async (name: string, message: string, team: string | null): Promise<SaveOutcome> => {
      const { doc, design } = store.getState();
      const result = await api.createDesign({ name, document: doc, message, ...(team ? { team } : {}) });
      if (!result.ok) return failure(result.error);
      let revision = result.value.revision;
      if (revision === null) {
        const detail = await api.getDesign(result.value.id);
        revision = detail.ok ? detail.value.revision : 1;
      }
      adopt({ id: result.value.id, name: result.value.name || name, revision }, doc, design.id);
      return { kind: "saved", revision };
    };

    const saveNow = async (message: string): Promise<SaveOutcome> => {
      const { doc, design } = store.getState();
      if (design.id === null) return createNow(design.name, message, null);
      const result = await api.saveRevision(design.id, { document: doc, message, base_revision: design.revision });
      if (result.ok) {
        const revision = result.value.revision ?? (design.revision ?? 0) + 1;
        adopt({ ...design, revision }, doc, design.id);
        return { kind: "saved", revision };
      }
      if (result.error.status === 409) {
        const current = result.error.details["current_revision"];
        return { kind: "conflict", current: typeof current === "number" ? current : null, base: design.revision };
      }
      return failure(result.error);
    };

    const overwriteNow = async (message: string, current: number | null): Promise<SaveOutcome> => {
      const { doc, design } = store.getState();
      if (design.id === null) return { kind: "error", message: "This design is not saved yet." };
      const result = await api.saveRevision(design.id, { document: doc, message, base_revision: current });
      if (!result.ok) return result.error.status === 409 ? { kind: "conflict", current: null, base: current } : failure(result.error);
      const revision = result.value.revision ?? (current ?? 0) + 1;
      adopt({ ...design, revision }, doc, design.id);
      return { kind: "saved", revision };
    };

    const restoreNow = async (revision: number): Promise<string | null> => {
      const { design } = store.getState();
      if (design.id === null) return "This design is not saved yet.";
      const restored = await api.restoreRevision(design.id, revision);
      if (!restored.ok) return restored.error.message;
      const result = await api.getDesign(design.id);
      if (!result.ok) return result.error.message;
      showServerDocument(result.value);
      return null;
    };

    return {
      async open(id: string): Promise<string | null> {
        const result = await api.getDesign(id);
        if (!result.ok) return result.error.message;
        const state = store.getState();
        clearDraft(state.design.id === id ? id : null);
        state.loadDocument(result.value.document, { id: result.value.id || id, name: result.value.name, revision: result.value.revision });
        setUrl(result.value.id || id);
        return null;
      },

      /** A pattern template opens as a new, unsaved design. */
      async openTemplate(id: string): Promise<string | null> {
        const result = await api.getDesign(id);
        if (!result.ok) return result.error.message;
        const state = store.getState();
        state.loadDocument(result.value.document, { id: null, name: result.value.name, revision: null }, { saved: emptyDesign() });
        setUrl(null);
        return null;
      },

      create,

      save(message: string): Promise<SaveOutcome> {
        return ownSave(() => saveNow(message));
      },

      /** Conflict: save this canvas on top of the server's newer revision, on purpose. */
      overwrite(message: string, current: number | null): Promise<SaveOutcome> {
        return ownSave(() => overwriteNow(message, current));
      },

      /** Conflict: load the server's version; this canvas stays one Undo away. */
      async loadServerVersion(): Promise<string | null> {
        const { design } = store.getState();
        if (design.id === null) return "This design is not saved yet.";
        const result = await api.getDesign(design.id);
        if (!result.ok) return result.error.message;
        showServerDocument(result.value);
        return null;
      },

      restore(revision: number): Promise<string | null> {
        return ownSave(() => restoreNow(revision));
      },

      async fork(team: string | null): Promise<SaveOutcome> {
        const { design } = store.getState();
        if (design.id === null) return { kind: "error", message: "Save the design before forking it." };
        const forked = await api.forkDesign(design.id, team);
        if (!forked.ok) return failure(forked.error);
        const result = await api.getDesign(forked.value.id);
        if (!result.ok) return { kind: "error", message: result.error.message };
        showServerDocument(result.value);
        return { kind: "saved", revision: result.value.revision };
      },

      rename(name: string) {
        const state = store.getState();
        store.setState({ design: { ...state.design, name } });
      },
    };
  }, [store]);
}

export type Library = ReturnType<typeof useLibrary>;
