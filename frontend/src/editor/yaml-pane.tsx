/** The exported manifest, live; edit it and apply to rebuild the canvas through the server's import. */

import { useEffect, useState } from "react";

import { useDebouncedExport } from "../hooks/use-debounced-export";
import { type ImportOutcome, useImportText } from "../hooks/use-import";
import { useEditor } from "../store/editor-context";

export function YamlPane({ active }: { active: boolean }) {
  const exported = useDebouncedExport(active);
  const kind = useEditor((s) => s.exportKind);
  const version = useEditor((s) => s.doc.kubernetes_version);
  const importText = useImportText();
  const serverText = "text" in exported ? exported.text : "";
  const [text, setText] = useState(serverText);
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!editing) setText(serverText);
  }, [serverText, editing]);

  const apply = async () => {
    setBusy(true);
    const result = await importText(text, "replace");
    setBusy(false);
    setOutcome(result);
    if (result.ok) setEditing(false);
  };
  const revert = () => {
    setEditing(false);
    setOutcome(null);
    setText(serverText);
  };

  return (
    <div className="yaml-pane" data-testid="yaml-pane">
      <div className="yaml-head">
        <span>
          {kind} manifest · Kubernetes {version} {exported.status === "loading" ? <span className="muted">· updating…</span> : null}
        </span>
        {editing ? <span className="editing-tag">edited: apply to update the canvas</span> : null}
      </div>
      {exported.status === "empty" && !editing ? (
        <p className="muted pane-note">Add a Pod to see its manifest here.</p>
      ) : null}
      {exported.status === "error" ? <p className="pane-error" role="alert">{exported.message}</p> : null}
      <textarea
        className="yaml-text mono"
        aria-label="Manifest YAML"
        data-testid="yaml-text"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setEditing(true);
          setOutcome(null);
        }}
      />
      {outcome && !outcome.ok ? (
        <p className="pane-error" role="alert" data-testid="yaml-error">
          {outcome.line !== null ? <strong>Line {outcome.line}{outcome.column !== null ? `, column ${outcome.column}` : ""}: </strong> : null}
          {outcome.message} The canvas was not changed.
        </p>
      ) : null}
      <div className="yaml-actions">
        <button type="button" className="btn btn-primary" disabled={!editing || busy} onClick={() => void apply()} data-testid="yaml-apply">
          {busy ? "Applying…" : "Apply to canvas"}
        </button>
        <button type="button" className="btn" disabled={!editing} onClick={revert}>
          Revert
        </button>
      </div>
    </div>
  );
}
