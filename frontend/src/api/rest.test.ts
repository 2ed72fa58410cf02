import { afterEach, describe, expect, it, vi } from "vitest";

import { csrfToken, describeError, getDesign, parseSummary, saveRevision, validateDesign } from "./rest";
import { emptyDesign } from "../domain/design";

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } }));
}

afterEach(() => vi.unstubAllGlobals());

describe("rest client", () => {
  it("reads the CSRF cookie", () => {
    expect(csrfToken("a=1; csrftoken=abc%3D; b=2")).toBe("abc=");
    expect(csrfToken("")).toBe("");
  });

  it("says clearly when an endpoint is missing, fails, or the server is down", () => {
    expect(describeError(404, null, "POST /api/validate")).toMatchObject({ missing: true, message: "This server has no POST /api/validate yet (HTTP 404)." });
    expect(describeError(500, "oops", "POST /api/export").message).toBe("The server failed on POST /api/export (HTTP 500).");
    expect(describeError(0, null, "GET /api/me").message).toMatch(/could not be reached/);
    expect(describeError(409, { error: { code: "stale", message: "m", details: { current_revision: 3 } } }, "x")).toMatchObject({ code: "stale", details: { current_revision: 3 } });
  });

  it("never throws on a failing endpoint: a Result with the error comes back", async () => {
    vi.stubGlobal("fetch", respond(404, { detail: "Not found." }));
    const result = await validateDesign(emptyDesign(), "1.33");
    expect(result.ok).toBe(false);
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("network down"))));
    const down = await validateDesign(emptyDesign(), "1.33");
    expect(!down.ok && down.error.status).toBe(0);
  });

  it("parses findings from a validation report", async () => {
    const finding = { severity: "error", rule: "r", path: "p", message: "m", hint: "", type: "", element: "c-1", layer: "api" };
    vi.stubGlobal("fetch", respond(200, { valid: false, kubernetes_version: "1.33", counts: {}, findings: [finding, { junk: 1 }] }));
    const result = await validateDesign(emptyDesign(), "1.33");
    expect(result.ok && result.value.findings).toEqual([finding]);
  });

  it("sends the CSRF token and reports a stale save's current revision", async () => {
    vi.stubGlobal("document", { cookie: "csrftoken=tok" });
    const fetch = respond(409, { error: { code: "stale_revision", message: "stale", details: { current_revision: 4 } } });
    vi.stubGlobal("fetch", fetch);
    const result = await saveRevision("d1", { document: emptyDesign(), message: "m", base_revision: 3 });
    expect(!result.ok && result.error.details["current_revision"]).toBe(4);
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>)["X-CSRFToken"]).toBe("tok");
  });

  it("reads a design with its document and ETag", async () => {
    const doc = { ...emptyDesign(), pods: [{ id: "pod-1", metadata: {}, spec: {} }] };
    vi.stubGlobal("fetch", respond(200, { id: "abc", name: "Web", revision: 2, document: doc }, { ETag: '"2"' }));
    const result = await getDesign("abc");
    expect(result.ok && [result.value.revision, result.value.etag, result.value.document.pods[0]?.containers]).toEqual([2, '"2"', []]);
  });

  it("tolerates summaries of different shapes", () => {
    expect(parseSummary({ id: 7, title: "T", current_revision: 3, owner: { username: "ann" } })).toMatchObject({ id: "7", name: "T", revision: 3, owner: "ann" });
  });
});
