import type { Counts } from "../domain/findings";

/** Count of errors (red) or warnings (amber) pinned on an element; nothing when clean. */
export function FindingBadge({ counts }: { counts: Counts | undefined }) {
  if (!counts || (counts.error === 0 && counts.warning === 0)) return null;
  const tone = counts.error ? "error" : "warning";
  const n = counts.error || counts.warning;
  const label = `${n} ${tone}${n === 1 ? "" : "s"}`;
  return (
    <span className={`finding-badge finding-badge-${tone}`} title={label} aria-label={label} data-testid="finding-badge">
      {n}
    </span>
  );
}

export function highlightClass(counts: Counts | undefined): string {
  if (!counts) return "";
  if (counts.error) return "has-errors";
  if (counts.warning) return "has-warnings";
  return "";
}
