import { describe, expect, it } from "vitest";

import { type Finding, findingKeys, parseFinding } from "./findings";

const finding = (over: Partial<Finding> = {}): Finding => ({
  severity: "warning",
  rule: "lint.run-as-root",
  path: "spec.containers[0].securityContext",
  message: "may run as root",
  hint: "set runAsNonRoot",
  type: "",
  element: "c-1",
  layer: "lint",
  ...over,
});

describe("parseFinding", () => {
  it("takes a finding in the server's exact shape as it is, without a copy", () => {
    const raw: unknown = JSON.parse(JSON.stringify(finding()));
    expect(parseFinding(raw)).toBe(raw);
    const unpinned: unknown = JSON.parse(JSON.stringify(finding({ element: null })));
    expect(parseFinding(unpinned)).toBe(unpinned);
  });

  it("normalises any other shape into a fresh finding, and refuses a bad severity", () => {
    const { element: _e, hint: _h, ...partial } = finding();
    expect(parseFinding(partial)).toEqual({ ...finding(), element: null, hint: "" });
    const extra = { ...finding(), doc: "https://example.org" };
    const parsed = parseFinding(extra);
    expect(parsed).not.toBe(extra);
    expect(parsed).toEqual(finding());
    expect(parseFinding({ ...finding(), path: 3 })).toEqual(finding({ path: "" }));
    expect(parseFinding({ ...finding(), severity: "fatal" })).toBeNull();
    expect(parseFinding(null)).toBeNull();
  });
});

describe("findingKeys", () => {
  it("keeps a finding's key when another one is inserted above it", () => {
    const a = finding({ element: "c-1" });
    const b = finding({ element: "c-2" });
    const error = finding({ severity: "error", rule: "api.duplicate-name", message: "Duplicate value" });
    const before = findingKeys([a, b]);
    const after = findingKeys([error, a, b]);
    expect(after.slice(1)).toEqual(before);
    expect(new Set(after).size).toBe(3);
  });

  it("numbers repeats of the same finding so keys stay unique", () => {
    const keys = findingKeys([finding(), finding(), finding({ message: "other" })]);
    expect(new Set(keys).size).toBe(3);
    expect(keys[1]).toBe(`${keys[0]}|1`);
  });
});
