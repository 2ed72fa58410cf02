/**
 * Typed client of the server's REST API. Every call resolves to a Result: a missing endpoint (404),
 * a server error or a network failure becomes a clear message, never an exception for the UI.
 */

import type { DesignDocument } from "../domain/design";
import { type Finding, parseFinding } from "../domain/findings";
import { isObject } from "../domain/json";
import { normalizeDesign } from "../domain/normalize";

export type ApiError = {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
  /** The endpoint is not there (404/405/501): the server part is missing, not the request wrong. */
  missing: boolean;
};

export type Result<T> = { ok: true; value: T; headers: Headers } | { ok: false; error: ApiError; body: unknown };

export function csrfToken(cookie: string = typeof document === "undefined" ? "" : document.cookie): string {
  for (const part of cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "csrftoken") return decodeURIComponent(rest.join("="));
  }
  return "";
}

/** The error an API response describes, whatever shape it has ({error: {...}}, DRF's {detail}, …). */
export function describeError(status: number, body: unknown, endpoint: string): ApiError {
  const missing = status === 404 || status === 405 || status === 501;
  const base: ApiError = { status, code: `http_${status}`, message: "", details: {}, missing };
  const error = isObject(body) && isObject(body["error"]) ? body["error"] : null;
  if (error) {
    base.code = typeof error["code"] === "string" ? error["code"] : base.code;
    base.message = typeof error["message"] === "string" ? error["message"] : "";
    base.details = isObject(error["details"]) ? error["details"] : {};
  } else if (isObject(body) && typeof body["detail"] === "string") {
    base.message = body["detail"];
  }
  if (status === 0) base.message = `The server could not be reached (${endpoint}). Is it running?`;
  else if (missing && !error) base.message = `This server has no ${endpoint} yet (HTTP ${status}).`;
  else if (status >= 500 && !base.message) base.message = `The server failed on ${endpoint} (HTTP ${status}).`;
  else if (!base.message) base.message = `${endpoint} answered HTTP ${status}.`;
  return base;
}

type RequestOptions = { method?: string; body?: unknown; signal?: AbortSignal; accept?: string };

export async function request<T>(
  path: string,
  parse: (body: unknown, text: string) => T,
  options: RequestOptions = {},
): Promise<Result<T>> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (exc) {
    if (exc instanceof DOMException && exc.name === "AbortError") throw exc;
    return { ok: false, error: describeError(0, null, `${method} ${path}`), body: null };
  }
  const text = await response.text();
  let body: unknown = null;
  if ((response.headers.get("Content-Type") ?? "").includes("json")) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) return { ok: false, error: describeError(response.status, body, `${method} ${path}`), body };
  try {
    return { ok: true, value: parse(body, text), headers: response.headers };
  } catch (exc) {
    const error = describeError(response.status, body, `${method} ${path}`);
    error.message = `Unexpected answer from ${method} ${path}: ${exc instanceof Error ? exc.message : String(exc)}`;
    return { ok: false, error, body };
  }
}

// ---- validation, export, import ------------------------------------------------------------

export type ValidationReport = { valid: boolean; version: string; findings: Finding[] };

export function parseReport(body: unknown): ValidationReport {
  if (!isObject(body) || !Array.isArray(body["findings"])) throw new Error("no findings list");
  const findings = body["findings"].map(parseFinding).filter((f): f is Finding => f !== null);
  const version = typeof body["kubernetes_version"] === "string" ? body["kubernetes_version"] : "";
  return { valid: body["valid"] === true, version, findings };
}

export function validateDesign(document: DesignDocument, version: string, signal?: AbortSignal) {
  return request("/api/validate", parseReport, {
    method: "POST",
    body: { document, kubernetes_version: version },
    ...(signal ? { signal } : {}),
  });
}

export type ExportRequest = {
  document: DesignDocument;
  kind: string;
  format: "yaml" | "json";
  draft: boolean;
};

/**
 * The target version travels inside the document (``kubernetes_version``), which the export uses
 * by default; no separate version field is sent (the contract says ``kubernetes_version``, the
 * server reads ``version``: leaving it out works with both).
 */
export function exportDesign(body: ExportRequest, signal?: AbortSignal) {
  return request("/api/export", (_json, text) => text, {
    method: "POST",
    body,
    accept: body.format === "yaml" ? "application/yaml, text/yaml, */*" : "application/json",
    ...(signal ? { signal } : {}),
  });
}

export type Imported = { document: DesignDocument; notes: string[] };

export function importYaml(yaml: string) {
  return request(
    "/api/import",
    (body): Imported => {
      if (!isObject(body)) throw new Error("not an object");
      const notes = Array.isArray(body["notes"]) ? body["notes"].map((n) => (typeof n === "string" ? n : JSON.stringify(n))) : [];
      return { document: normalizeDesign(body["document"]), notes };
    },
    { method: "POST", body: { yaml } },
  );
}

export type Versions = { versions: string[]; default: string };

export function kubernetesVersions() {
  return request("/api/kubernetes-versions", (body): Versions => {
    if (!isObject(body) || !Array.isArray(body["versions"])) throw new Error("no versions list");
    const versions = body["versions"].filter((v): v is string => typeof v === "string");
    const fallback = versions[versions.length - 1] ?? "";
    return { versions, default: typeof body["default"] === "string" ? body["default"] : fallback };
  });
}

// ---- the library -----------------------------------------------------------------------------

export type DesignSummary = {
  id: string;
  name: string;
  description: string;
  revision: number | null;
  isTemplate: boolean;
  updated: string;
  owner: string;
};

export type DesignDetail = DesignSummary & { document: DesignDocument; etag: string };

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

export function parseSummary(value: unknown): DesignSummary {
  if (!isObject(value)) throw new Error("a design is an object");
  const revision = num(value["revision"]) ?? num(value["current_revision"]) ?? (isObject(value["revision"]) ? num(value["revision"]["number"]) : null);
  const owner = isObject(value["owner"]) ? str(value["owner"]["username"]) : str(value["owner"]);
  return {
    id: str(value["id"] ?? value["slug"]),
    name: str(value["name"] ?? value["title"]) || "Untitled design",
    description: str(value["description"]),
    revision,
    isTemplate: value["is_template"] === true || value["template"] === true,
    updated: str(value["updated_at"] ?? value["updated"] ?? value["modified"]),
    owner,
  };
}

function listOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (isObject(body) && Array.isArray(body["results"])) return body["results"];
  throw new Error("no list of designs");
}

export function listDesigns(query: string, templates: boolean) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (templates) params.set("template", "1");
  return request(`/api/designs/?${params.toString()}`, (body) => listOf(body).map(parseSummary));
}

function parseDetail(body: unknown, etag: string): DesignDetail {
  if (!isObject(body)) throw new Error("a design is an object");
  const rev = isObject(body["revision"]) ? body["revision"] : null;
  const document = body["document"] ?? rev?.["document"];
  return { ...parseSummary(body), document: normalizeDesign(document), etag };
}

export async function getDesign(id: string): Promise<Result<DesignDetail>> {
  const result = await request(`/api/designs/${encodeURIComponent(id)}/`, (body) => body);
  if (!result.ok) return result;
  try {
    return { ok: true, value: parseDetail(result.value, result.headers.get("ETag") ?? ""), headers: result.headers };
  } catch (exc) {
    const error = describeError(200, null, `GET /api/designs/${id}/`);
    error.message = `The design could not be read: ${exc instanceof Error ? exc.message : String(exc)}`;
    return { ok: false, error, body: result.value };
  }
}

export function createDesign(body: { name: string; document: DesignDocument; team?: string | null; message?: string }) {
  return request("/api/designs/", (json) => parseSummary(json), { method: "POST", body });
}

export type Saved = { revision: number | null };

export function saveRevision(id: string, body: { document: DesignDocument; message: string; base_revision: number | null }) {
  return request(
    `/api/designs/${encodeURIComponent(id)}/revisions/`,
    (json): Saved => ({ revision: isObject(json) ? (num(json["revision"]) ?? num(json["number"])) : null }),
    { method: "POST", body },
  );
}

export type RevisionInfo = { number: number; message: string; author: string; created: string };

export function listRevisions(id: string) {
  return request(`/api/designs/${encodeURIComponent(id)}/revisions/`, (body) =>
    listOf(body).flatMap((r): RevisionInfo[] => {
      if (!isObject(r)) return [];
      const number = num(r["revision"]) ?? num(r["number"]);
      if (number === null) return [];
      const author = isObject(r["author"]) ? str(r["author"]["username"]) : str(r["author"]);
      return [{ number, message: str(r["message"]), author, created: str(r["created_at"] ?? r["created"]) }];
    }),
  );
}

export function restoreRevision(id: string, revision: number) {
  return request(
    `/api/designs/${encodeURIComponent(id)}/revisions/${revision}/restore/`,
    (json): Saved => ({ revision: isObject(json) ? (num(json["revision"]) ?? num(json["number"])) : null }),
    { method: "POST", body: {} },
  );
}

export function forkDesign(id: string, team: string | null) {
  return request(`/api/designs/${encodeURIComponent(id)}/fork/`, (json) => parseSummary(json), {
    method: "POST",
    body: { team },
  });
}

export type Me = { username: string };

export function me() {
  return request("/api/me", (body): Me => ({ username: isObject(body) ? str(body["username"]) : "" }));
}

export type Team = { id: string; name: string };

export function listTeams() {
  return request("/api/teams/", (body) =>
    listOf(body).flatMap((t): Team[] => (isObject(t) ? [{ id: str(t["id"] ?? t["slug"]), name: str(t["name"]) }] : [])),
  );
}

/** Where to sign in and come back to this very page. */
export function loginUrl(next: string = typeof window === "undefined" ? "/" : window.location.pathname + window.location.search): string {
  return `/accounts/login/?next=${encodeURIComponent(next)}`;
}

export function signupUrl(next: string = typeof window === "undefined" ? "/" : window.location.pathname + window.location.search): string {
  return `/accounts/signup/?next=${encodeURIComponent(next)}`;
}
