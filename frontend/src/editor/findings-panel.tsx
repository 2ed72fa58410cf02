/** Live findings: counts, validation status, and a list whose rows select the element at fault. */

import { memo, useDeferredValue, useEffect, useMemo, useState } from "react";

import { type PodDoc, containerName, podName, volumeName } from "../domain/design";
import { type Finding, countBySeverity, findingKeys } from "../domain/findings";
import { usePreview } from "../preview/preview-store";
import { useEditor, useEditorApi } from "../store/editor-context";

const ICON = { error: "✖", warning: "▲", info: "ℹ" };
/** Rows drawn at most: a huge design can have thousands of lint findings. */
const MAX_ROWS = 150;

function elementNames(pods: readonly PodDoc[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const pod of pods) {
    names.set(pod.id, `Pod ${podName(pod)}`);
    for (const c of pod.containers) names.set(c.id, `container ${containerName(c)}`);
    for (const v of pod.volumes) names.set(v.id, `volume ${volumeName(v)}`);
    for (const m of pod.mounts) {
      const c = pod.containers.find((x) => x.id === m.container);
      names.set(m.id, `mount in ${c ? containerName(c) : m.container}`);
    }
  }
  return names;
}

const FindingRow = memo(function FindingRow({ finding, name }: { finding: Finding; name: string }) {
  const store = useEditorApi();
  return (
    <li>
      <button type="button" className={`finding finding-${finding.severity}`} onClick={() => store.getState().focusFinding(finding)} data-testid="finding" data-severity={finding.severity} data-element={finding.element ?? ""}>
        <span className="finding-icon" aria-hidden="true">
          {ICON[finding.severity]}
        </span>
        <span className="finding-body">
          <span className="finding-message">{finding.message}</span>
          <span className="finding-meta">
            {name ? <span className="finding-element">{name}</span> : null}
            {finding.path ? <code>{finding.path}</code> : null}
            <span className="finding-rule">{finding.rule}</span>
          </span>
          {finding.hint ? <span className="finding-hint">{finding.hint}</span> : null}
        </span>
      </button>
    </li>
  );
});

/** The first rows of the list; rendered after the counts (a deferred value), unchanged rows skipped. */
const FindingList = memo(function FindingList({ findings }: { findings: readonly Finding[] }) {
  const pods = useEditor((s) => s.doc.pods);
  const names = useMemo(() => elementNames(pods), [pods]);
  const shown = findings.slice(0, MAX_ROWS);
  const keys = findingKeys(shown);
  return (
    <ul className="finding-list">
      {shown.map((f, i) => (
        <FindingRow key={keys[i]} finding={f} name={f.element ? (names.get(f.element) ?? "") : ""} />
      ))}
      {findings.length > MAX_ROWS ? <li className="finding-more muted">… and {findings.length - MAX_ROWS} more (errors come first)</li> : null}
    </ul>
  );
});

export function FindingsPanel() {
  const findings = useEditor((s) => s.findings);
  const validation = useEditor((s) => s.validation);
  const empty = useEditor((s) => s.doc.pods.length === 0);
  // The counts update at once; the list follows in a deferred render.
  const listed = useDeferredValue(findings);
  const [open, setOpen] = useState(true);
  const previewing = usePreview((s) => s.open);
  useEffect(() => {
    // The preview panel needs the room: the findings fold away (one click brings them back).
    if (previewing) setOpen(false);
  }, [previewing]);
  const counts = useMemo(() => countBySeverity(findings), [findings]);
  const status =
    validation.status === "error"
      ? validation.message
      : empty
        ? "Nothing to validate yet."
        : validation.status === "pending"
          ? "Validating…"
          : counts.error === 0
            ? "The API server would accept this design."
            : "";
  return (
    <section className={`findings-panel ${open ? "is-open" : ""}`} aria-label="Findings" data-testid="findings-panel">
      <header>
        <button type="button" className="panel-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "▾" : "▸"} Findings
        </button>
        <span className="count count-error" data-testid="count-error">
          {counts.error} error{counts.error === 1 ? "" : "s"}
        </span>
        <span className="count count-warning" data-testid="count-warning">
          {counts.warning} warning{counts.warning === 1 ? "" : "s"}
        </span>
        <span className="count count-info">{counts.info} info</span>
        <span className={`validation-status status-${validation.status}`} data-testid="validation-status" data-status={validation.status}>
          {status}
        </span>
      </header>
      {open ? <FindingList findings={listed} /> : null}
    </section>
  );
}
