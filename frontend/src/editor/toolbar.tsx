/** Canvas toolbar: undo/redo, view, import, and the export kind, version and download button. */

import { useReactFlow } from "@xyflow/react";

import { countBySeverity } from "../domain/findings";
import { clearPodLayout } from "../domain/layout";
import { useDownload } from "../hooks/use-download";
import { usePreviewToggle } from "../preview/preview-host";
import { EXPORT_KINDS, type ExportKind } from "../store/editor-store";
import { useEditor, useEditorApi } from "../store/editor-context";

function DownloadButton() {
  const download = useDownload();
  const findings = useEditor((s) => s.findings);
  const validation = useEditor((s) => s.validation);
  const empty = useEditor((s) => s.doc.pods.length === 0);
  const { error } = countBySeverity(findings);
  let status = "";
  let tone = "";
  if (!empty && validation.status === "pending") status = " · checking…";
  else if (!empty && validation.status === "ok") {
    status = error ? ` · ${error} error${error === 1 ? "" : "s"}` : " ✓ valid";
    tone = error ? "is-invalid" : "is-valid";
  }
  return (
    <button type="button" className={`btn btn-download ${tone}`} disabled={empty} onClick={() => void download()} data-testid="download" title={error ? "Downloads a draft marked with the errors" : "Download the manifest"}>
      <span className="download-label">Download YAML</span>
      <span className="download-status">{status}</span>
    </button>
  );
}

function PreviewButton() {
  const [open, setOpen] = usePreviewToggle();
  return (
    <button
      type="button"
      className={`btn btn-preview ${open ? "is-active" : ""}`}
      aria-pressed={open}
      onClick={() => setOpen(!open)}
      title={open ? "Close the preview" : "Preview: watch the Pod start (and fail, and stop) step by step, every step explained"}
      data-testid="preview-toggle"
    >
      {open ? "■ Preview" : "▶ Preview"}
    </button>
  );
}

export function Toolbar({ versions }: { versions: string[] }) {
  const store = useEditorApi();
  const { fitView } = useReactFlow();
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const kind = useEditor((s) => s.exportKind);
  const version = useEditor((s) => s.doc.kubernetes_version);
  const choices = versions.includes(version) ? versions : [...versions, version];
  const tidy = () => {
    store.getState().apply((doc) => {
      let layout = {};
      for (const pod of doc.pods) layout = clearPodLayout(layout, pod);
      return { ...doc, layout };
    });
    setTimeout(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 200 }), 50);
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Canvas">
      <button type="button" className="btn btn-icon" onClick={() => store.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo">
        ↶
      </button>
      <button type="button" className="btn btn-icon" onClick={() => store.getState().redo()} disabled={!canRedo} title="Redo (Shift+Ctrl+Z)" aria-label="Redo">
        ↷
      </button>
      <span className="sep" />
      <button type="button" className="btn" onClick={() => void fitView({ padding: 0.1, maxZoom: 1, duration: 0 })} aria-label="Fit view" title="Fit everything into view" data-testid="fit-view">
        Fit
      </button>
      <button type="button" className="btn" onClick={tidy} aria-label="Tidy up" title="Tidy up: lay every Pod out again (init lane, app lane, sidecar lane, volumes)">
        Tidy
      </button>
      <span className="sep" />
      <PreviewButton />
      <span className="spacer" />
      <label className="inline-select" title="Kind of the exported manifest">
        <select aria-label="Export as" value={kind} onChange={(e) => store.getState().setExportKind(e.target.value as ExportKind)} data-testid="export-kind">
          {EXPORT_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label className="inline-select" title="Target Kubernetes version">
        v
        <select
          aria-label="Kubernetes version"
          value={version}
          onChange={(e) => {
            const v = e.target.value;
            store.getState().apply((doc) => ({ ...doc, kubernetes_version: v }));
          }}
          data-testid="k8s-version"
        >
          {choices.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      <DownloadButton />
    </div>
  );
}
