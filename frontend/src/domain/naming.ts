/** Fresh ids and names that do not clash with what the design already has. */

export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = base || "item";
  if (!used.has(clean)) return clean;
  for (let i = 2; ; i += 1) {
    const candidate = `${clean}-${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** An id: ``prefix-name`` where it is free, else numbered; ids allow [A-Za-z0-9_.:-]. */
export function uniqueId(prefix: string, name: string, taken: ReadonlySet<string>): string {
  const safe = name.replace(/[^A-Za-z0-9_.:-]/g, "-").slice(0, 48) || "x";
  return uniqueName(`${prefix}-${safe}`, taken);
}
