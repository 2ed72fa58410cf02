/** Validation findings from the server, indexed by the design element they are pinned to. */

import type { DesignDocument } from "./design";

export type Severity = "error" | "warning" | "info";

export type Finding = {
  severity: Severity;
  rule: string;
  path: string;
  message: string;
  hint: string;
  type: string;
  element: string | null;
  layer: string;
};

export type Counts = { error: number; warning: number; info: number };

export const NO_COUNTS: Counts = Object.freeze({ error: 0, warning: 0, info: 0 });

/**
 * Counts per element. A mount's findings also count on its container, so a container card shows
 * what is wrong with its mounts (a duplicate mountPath is the container's problem to the reader).
 */
export function indexFindings(findings: readonly Finding[], doc: DesignDocument): Map<string, Counts> {
  const mountOwner = new Map<string, string>();
  for (const pod of doc.pods) for (const m of pod.mounts) mountOwner.set(m.id, m.container);
  const index = new Map<string, Counts>();
  const bump = (id: string, severity: Severity) => {
    const counts = index.get(id) ?? { error: 0, warning: 0, info: 0 };
    counts[severity] += 1;
    index.set(id, counts);
  };
  for (const f of findings) {
    if (!f.element) continue;
    bump(f.element, f.severity);
    const owner = mountOwner.get(f.element);
    if (owner) bump(owner, f.severity);
  }
  return index;
}

/** ``next`` with the Counts objects of ``previous`` kept where equal, so unchanged badges do not re-render. */
export function keepUnchanged(previous: ReadonlyMap<string, Counts>, next: Map<string, Counts>): Map<string, Counts> {
  for (const [id, counts] of next) {
    const old = previous.get(id);
    if (old && old.error === counts.error && old.warning === counts.warning && old.info === counts.info) next.set(id, old);
  }
  return next;
}

/**
 * Keys for a list of findings (React keys of the rows): what the finding says, numbered when it repeats. A finding keeps its row
 * when another one is inserted above it (an index in the key would rebuild every row below).
 */
export function findingKeys(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.severity}|${f.rule}|${f.element ?? ""}|${f.path}|${f.message}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}|${n}` : base;
  });
}

export function countBySeverity(findings: readonly Finding[]): Counts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/**
 * Form field keys to try for a finding path, best first: ``spec.containers[0].resources.limits.cpu``
 * gives ``resources.limits.cpu``, ``limits.cpu``, ``cpu``, then ``resources.limits``, ``resources``…
 */
export function fieldCandidates(path: string): string[] {
  const segments = path.replace(/\[\d+\]/g, "").split(".").filter(Boolean);
  const out: string[] = [];
  for (let end = segments.length; end > 0; end -= 1) {
    for (let start = 0; start < end; start += 1) {
      const key = segments.slice(start, end).join(".");
      if (!out.includes(key)) out.push(key);
    }
  }
  return out;
}

const FINDING_KEYS = 8;

/** Whether ``v`` is already exactly a Finding (the server's usual shape): then it needs no copy. */
function isExactFinding(v: Record<string, unknown>): boolean {
  if (
    typeof v["rule"] !== "string" ||
    typeof v["path"] !== "string" ||
    typeof v["message"] !== "string" ||
    typeof v["hint"] !== "string" ||
    typeof v["type"] !== "string" ||
    typeof v["layer"] !== "string" ||
    (v["element"] !== null && typeof v["element"] !== "string")
  ) {
    return false;
  }
  let keys = 0;
  for (const k in v) if (Object.hasOwn(v, k)) keys += 1;
  return keys === FINDING_KEYS;
}

export function parseFinding(value: unknown): Finding | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const severity = v["severity"];
  if (severity !== "error" && severity !== "warning" && severity !== "info") return null;
  if (isExactFinding(v)) return v as Finding;
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : "");
  return {
    severity,
    rule: str("rule"),
    path: str("path"),
    message: str("message"),
    hint: str("hint"),
    type: str("type"),
    element: typeof v["element"] === "string" ? (v["element"] as string) : null,
    layer: str("layer"),
  };
}
