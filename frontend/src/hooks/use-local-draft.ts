/** Unsaved changes survive a reload: a draft per design in localStorage while the canvas differs from the saved state. */

import { useEffect } from "react";

import type { DesignDocument } from "../domain/design";
import { isObject } from "../domain/json";
import { normalizeDesign } from "../domain/normalize";
import type { DesignInfo } from "../store/editor-store";
import { useEditorApi } from "../store/editor-context";

export type Draft = { doc: DesignDocument; design: DesignInfo; savedAt: string };

const PREFIX = "pod-designer:draft:";

export function draftKey(designId: string | null): string {
  return PREFIX + (designId ?? "new");
}

export function readDraft(designId: string | null, storage: Storage = window.localStorage): Draft | null {
  try {
    const raw = storage.getItem(draftKey(designId));
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (!isObject(value) || !isObject(value["design"])) return null;
    const d = value["design"];
    const design: DesignInfo = {
      id: typeof d["id"] === "string" ? d["id"] : null,
      name: typeof d["name"] === "string" ? d["name"] : "Untitled design",
      revision: typeof d["revision"] === "number" ? d["revision"] : null,
    };
    return { doc: normalizeDesign(value["doc"]), design, savedAt: typeof value["savedAt"] === "string" ? value["savedAt"] : "" };
  } catch {
    return null;
  }
}

export function clearDraft(designId: string | null, storage: Storage = window.localStorage): void {
  try {
    storage.removeItem(draftKey(designId));
  } catch {
    // storage unavailable (private mode): nothing to clear
  }
}

export function useLocalDraft(delay = 400): void {
  const store = useEditorApi();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      timer = undefined;
      const { doc, savedDoc, design } = store.getState();
      try {
        if (doc === savedDoc) window.localStorage.removeItem(draftKey(design.id));
        else {
          const draft: Draft = { doc, design, savedAt: new Date().toISOString() };
          window.localStorage.setItem(draftKey(design.id), JSON.stringify(draft));
        }
      } catch {
        // Quota or privacy mode: the canvas still works, the draft just is not kept.
      }
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc === previous.doc && state.savedDoc === previous.savedDoc && state.design === previous.design) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(write, delay);
    });
    const flush = () => {
      if (timer !== undefined) {
        clearTimeout(timer);
        write();
      }
    };
    window.addEventListener("beforeunload", flush);
    return () => {
      unsubscribe();
      window.removeEventListener("beforeunload", flush);
      flush();
    };
  }, [store, delay]);
}
