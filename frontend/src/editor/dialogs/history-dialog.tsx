/** Revisions of the open design, newest first, each restorable. */

import { useEffect, useState } from "react";

import { type RevisionInfo, listRevisions } from "../../api/rest";
import type { Library } from "../../hooks/use-library";
import { useEditor } from "../../store/editor-context";
import { Modal } from "./modal";

export function HistoryDialog({ library, onClose }: { library: Library; onClose: () => void }) {
  const design = useEditor((s) => s.design);
  const [items, setItems] = useState<RevisionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (design.id === null) return;
    void listRevisions(design.id).then((r) => {
      if (r.ok) setItems([...r.value].sort((a, b) => b.number - a.number));
      else {
        setItems([]);
        setError(r.error.message);
      }
    });
  }, [design.id]);
  const restore = async (n: number) => {
    setBusy(true);
    const problem = await library.restore(n);
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <Modal title={`History of “${design.name}”`} onClose={onClose} testId="history-dialog">
      {design.id === null ? <p className="muted">Save the design first: each save becomes a revision here.</p> : null}
      {error ? <p className="pane-error" role="alert">{error}</p> : null}
      {design.id !== null && items === null ? <p className="muted">Loading…</p> : null}
      <ul className="revision-list">
        {(items ?? []).map((r) => (
          <li key={r.number}>
            <span className="rev-number">#{r.number}</span>
            <span className="rev-text">
              <span>{r.message || <em className="muted">no message</em>}</span>
              <span className="muted">
                {r.author}
                {r.created ? ` · ${new Date(r.created).toLocaleString()}` : ""}
                {r.number === design.revision ? " · on the canvas" : ""}
              </span>
            </span>
            <button type="button" className="btn btn-small" disabled={busy || r.number === design.revision} onClick={() => void restore(r.number)}>
              Restore
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
