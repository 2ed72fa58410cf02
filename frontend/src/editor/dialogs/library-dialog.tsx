/** Open a saved design or start from a pattern template (searchable list). */

import { useEffect, useState } from "react";

import { type DesignSummary, listDesigns } from "../../api/rest";
import type { Library } from "../../hooks/use-library";
import { Modal } from "./modal";

export function LibraryDialog({ library, templates: initialTemplates, onClose }: { library: Library; templates: boolean; onClose: () => void }) {
  const [templates, setTemplates] = useState(initialTemplates);
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<DesignSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const result = await listDesigns(query, templates);
      if (!live) return;
      if (result.ok) {
        setItems(result.value);
        setError(null);
      } else {
        setItems([]);
        setError(
          result.error.status === 401 || result.error.status === 403
            ? "Sign in to see your designs."
            : `The library is unavailable: ${result.error.message}`,
        );
      }
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, templates]);

  const open = async (item: DesignSummary) => {
    setBusy(true);
    const problem = templates ? await library.openTemplate(item.id) : await library.open(item.id);
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <Modal title={templates ? "Start from a pattern" : "Open a design"} onClose={onClose} wide testId="library-dialog">
      <div className="tabs tabs-inline" role="tablist">
        <button type="button" role="tab" aria-selected={templates} className={templates ? "is-active" : ""} onClick={() => setTemplates(true)}>
          Pattern templates
        </button>
        <button type="button" role="tab" aria-selected={!templates} className={!templates ? "is-active" : ""} onClick={() => setTemplates(false)}>
          Saved designs
        </button>
      </div>
      <input className="search" type="search" placeholder="Search by name or description" aria-label="Search designs" value={query} onChange={(e) => setQuery(e.target.value)} />
      {error ? <p className="pane-error" role="alert">{error}</p> : null}
      {items === null ? <p className="muted">Loading…</p> : null}
      {items && items.length === 0 && !error ? <p className="muted">Nothing found.</p> : null}
      <ul className="design-list">
        {(items ?? []).map((item) => (
          <li key={item.id}>
            <button type="button" className="design-item" disabled={busy} onClick={() => void open(item)} data-testid="design-item">
              <span className="design-name">{item.name}</span>
              {item.description ? <span className="design-desc">{item.description}</span> : null}
              <span className="design-meta">
                {item.revision !== null ? `revision ${item.revision}` : ""}
                {item.owner ? ` · ${item.owner}` : ""}
                {item.updated ? ` · ${new Date(item.updated).toLocaleString()}` : ""}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
