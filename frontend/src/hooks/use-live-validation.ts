/**
 * Validate on the server as the design changes. The first edit after a quiet spell goes out at
 * once (findings in one round trip); edits that follow within the window are debounced, and a
 * newer request aborts the one still in flight so stale findings never land.
 */

import { useEffect } from "react";

import { validateDesign } from "../api/rest";
import type { DesignDocument } from "../domain/design";
import { useEditorApi } from "../store/editor-context";

export const VALIDATION_DEBOUNCE_MS = 250;

export function useLiveValidation(): void {
  const store = useEditorApi();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inflight: AbortController | null = null;
    let lastFired = 0;

    const fire = async (doc: DesignDocument) => {
      inflight?.abort();
      lastFired = performance.now();
      const state = store.getState();
      if (doc.pods.length === 0) {
        state.setFindings([]);
        state.setValidation("idle");
        return;
      }
      const controller = new AbortController();
      inflight = controller;
      state.setValidation("pending");
      try {
        const result = await validateDesign(doc, doc.kubernetes_version, controller.signal);
        if (controller.signal.aborted) return;
        if (result.ok) store.getState().setFindings(result.value.findings);
        else store.getState().setValidation("error", `Live validation is unavailable: ${result.error.message}`);
      } catch {
        // Aborted: a newer request owns the findings.
      } finally {
        if (inflight === controller) inflight = null;
      }
    };

    const schedule = (doc: DesignDocument) => {
      if (timer !== undefined) clearTimeout(timer);
      const quiet = performance.now() - lastFired >= VALIDATION_DEBOUNCE_MS;
      if (quiet) void fire(doc);
      else timer = setTimeout(() => void fire(store.getState().doc), VALIDATION_DEBOUNCE_MS);
    };

    schedule(store.getState().doc);
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc !== previous.doc) schedule(state.doc);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      inflight?.abort();
    };
  }, [store]);
}
