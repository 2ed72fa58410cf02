/** Undo/redo stacks of whole documents (immutable, so a snapshot costs one reference). */

import type { DesignDocument } from "../domain/design";

export const HISTORY_LIMIT = 100;
/** Edits with the same key within this window (typing in one field) become one undo step. */
export const COALESCE_MS = 1200;

export type History = {
  past: DesignDocument[];
  future: DesignDocument[];
  coalesce: { key: string; at: number } | null;
};

export const emptyHistory = (): History => ({ past: [], future: [], coalesce: null });

export function record(history: History, before: DesignDocument, key: string | undefined, now: number): History {
  const c = history.coalesce;
  if (key && c && c.key === key && now - c.at < COALESCE_MS) {
    return { ...history, future: [], coalesce: { key, at: now } };
  }
  const past = [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], coalesce: key ? { key, at: now } : null };
}

export function undo(history: History, current: DesignDocument): { history: History; doc: DesignDocument } | null {
  const doc = history.past[history.past.length - 1];
  if (!doc) return null;
  return { doc, history: { past: history.past.slice(0, -1), future: [current, ...history.future], coalesce: null } };
}

export function redo(history: History, current: DesignDocument): { history: History; doc: DesignDocument } | null {
  const doc = history.future[0];
  if (!doc) return null;
  return { doc, history: { past: [...history.past, current], future: history.future.slice(1), coalesce: null } };
}
