/** Paste YAML (or pick a file) to import manifests: replace the design or add their Pods to it. */

import { useState } from "react";

import { type ImportOutcome, useImportText } from "../../hooks/use-import";
import { useEditor } from "../../store/editor-context";
import { Modal } from "./modal";

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const hasPods = useEditor((s) => s.doc.pods.length > 0);
  const importText = useImportText();
  const [text, setText] = useState("");
  const [mode, setMode] = useState<"replace" | "add">(hasPods ? "add" : "replace");
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    const result = await importText(text, mode);
    setBusy(false);
    setOutcome(result);
    if (result.ok) onClose();
  };

  return (
    <Modal title="Import Kubernetes YAML" onClose={onClose} wide testId="import-dialog">
      <p className="muted">Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs. Other documents are kept and exported unchanged. You can also drop a .yaml file onto the canvas.</p>
      <textarea className="mono import-text" rows={14} aria-label="YAML to import" placeholder="apiVersion: v1&#10;kind: Pod&#10;…" value={text} onChange={(e) => setText(e.target.value)} data-testid="import-text" spellCheck={false} />
      <div className="import-row">
        <label className="file-pick">
          Or choose a file
          <input
            type="file"
            accept=".yaml,.yml,.json,application/yaml,application/json"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setText(await file.text());
            }}
          />
        </label>
        {hasPods ? (
          <span className="radio-row">
            <label>
              <input type="radio" name="import-mode" checked={mode === "add"} onChange={() => setMode("add")} /> add to this design
            </label>
            <label>
              <input type="radio" name="import-mode" checked={mode === "replace"} onChange={() => setMode("replace")} /> replace it
            </label>
          </span>
        ) : null}
      </div>
      {outcome && !outcome.ok ? (
        <p className="pane-error" role="alert" data-testid="import-error">
          {outcome.message}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={!text.trim() || busy} onClick={() => void run()} data-testid="import-run">
          {busy ? "Importing…" : "Import"}
        </button>
      </div>
    </Modal>
  );
}
