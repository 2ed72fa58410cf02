/**
 * The preview socket's vocabulary (designer/live/consumers.py, designer/domain/simulation/model.py):
 * simulation events, scenarios, and the server frames parsed defensively (a malformed frame is
 * dropped, never thrown at the UI).
 */

import { type Finding, parseFinding } from "../domain/findings";
import { isObject } from "../domain/json";

export type ContainerState =
  | "waiting"
  | "pulling"
  | "created"
  | "starting"
  | "running"
  | "ready"
  | "crash-loop"
  | "terminating"
  | "completed"
  | "terminated";

export const CONTAINER_STATES: readonly ContainerState[] = [
  "waiting",
  "pulling",
  "created",
  "starting",
  "running",
  "ready",
  "crash-loop",
  "terminating",
  "completed",
  "terminated",
];

/** One step of the animation: at ``t`` simulated seconds, ``kind`` happened (to ``container``). */
export type SimEvent = {
  t: number;
  seq: number;
  kind: string;
  container: string | null;
  /** The container's state after the event (null for Pod-level events). */
  state: string | null;
  message: string;
  data: Record<string, unknown>;
};

export type ScenarioKind = "normal" | "init-failure" | "sidecar-startup-failure" | "job-completion" | "deletion";

export type Scenario = { kind: ScenarioKind; container?: string | null; attempts_until_success?: number | null };

/** A scenario that makes sense for the Pod, with a title for the picker. */
export type ScenarioInfo = { kind: ScenarioKind; title: string; description: string; container: string | null };

export type Speed = 1 | 4 | 16 | "instant";
export const SPEEDS: readonly Speed[] = [1, 4, 16, "instant"];

export type ClockFrame = { t: number; playing: boolean; speed: Speed; position: number; duration: number };

export type TimelineFrame = {
  pod: string;
  scenario: Scenario;
  scenarios: ScenarioInfo[];
  phase: string;
  duration: number;
  events: SimEvent[];
};

export type PreviewFrame =
  | { type: "ready"; speeds: string[] }
  | { type: "findings"; valid: boolean; findings: Finding[] }
  | ({ type: "timeline" } & TimelineFrame)
  | ({ type: "clock" } & ClockFrame)
  | ({ type: "finished" } & ClockFrame)
  | { type: "event"; event: SimEvent; due: number }
  | { type: "events"; events: SimEvent[] }
  | { type: "error"; message: string; code: string };

const SCENARIO_KINDS: readonly string[] = ["normal", "init-failure", "sidecar-startup-failure", "job-completion", "deletion"];

function num(value: unknown, fallback = 0): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function strOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function scenarioKey(s: { kind: string; container?: string | null | undefined }): string {
  return `${s.kind}:${s.container ?? ""}`;
}

export function parseEvent(value: unknown): SimEvent | null {
  if (!isObject(value) || typeof value["kind"] !== "string") return null;
  return {
    t: num(value["t"]),
    seq: num(value["seq"], -1),
    kind: value["kind"],
    container: strOrNull(value["container"]),
    state: strOrNull(value["state"]),
    message: typeof value["message"] === "string" ? value["message"] : "",
    data: isObject(value["data"]) ? value["data"] : {},
  };
}

function parseEvents(value: unknown): SimEvent[] {
  if (!Array.isArray(value)) return [];
  return value.map(parseEvent).filter((e): e is SimEvent => e !== null);
}

function parseSpeed(value: unknown): Speed {
  if (value === "instant" || value === null) return "instant";
  const n = num(value, 4);
  return n === 1 || n === 16 ? n : 4;
}

function parseScenario(value: unknown): Scenario {
  if (typeof value === "string" && SCENARIO_KINDS.includes(value)) return { kind: value as ScenarioKind };
  if (!isObject(value) || typeof value["kind"] !== "string" || !SCENARIO_KINDS.includes(value["kind"])) return { kind: "normal" };
  const container = strOrNull(value["container"]);
  return { kind: value["kind"] as ScenarioKind, ...(container ? { container } : {}) };
}

function parseScenarioInfo(value: unknown): ScenarioInfo | null {
  if (!isObject(value) || typeof value["kind"] !== "string" || !SCENARIO_KINDS.includes(value["kind"])) return null;
  return {
    kind: value["kind"] as ScenarioKind,
    title: typeof value["title"] === "string" ? value["title"] : value["kind"],
    description: typeof value["description"] === "string" ? value["description"] : "",
    container: strOrNull(value["container"]),
  };
}

function parseClock(value: Record<string, unknown>): ClockFrame {
  return {
    t: num(value["t"]),
    playing: value["playing"] === true,
    speed: parseSpeed(value["speed"]),
    position: Math.max(0, Math.floor(num(value["position"]))),
    duration: num(value["duration"]),
  };
}

/** Parse one text frame of the preview socket; null for anything unknown or malformed. */
export function parsePreviewFrame(text: string): PreviewFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  switch (value["type"]) {
    case "ready":
      return { type: "ready", speeds: Array.isArray(value["speeds"]) ? value["speeds"].map(String) : [] };
    case "findings": {
      const list = Array.isArray(value["findings"]) ? value["findings"] : [];
      return { type: "findings", valid: value["valid"] === true, findings: list.map(parseFinding).filter((f): f is Finding => f !== null) };
    }
    case "timeline":
      return {
        type: "timeline",
        pod: typeof value["pod"] === "string" ? value["pod"] : "",
        scenario: parseScenario(value["scenario"]),
        scenarios: Array.isArray(value["scenarios"]) ? value["scenarios"].map(parseScenarioInfo).filter((s): s is ScenarioInfo => s !== null) : [],
        phase: typeof value["phase"] === "string" ? value["phase"] : "",
        duration: num(value["duration"]),
        events: parseEvents(value["events"]),
      };
    case "clock":
      return { type: "clock", ...parseClock(value) };
    case "finished":
      return { type: "finished", ...parseClock(value) };
    case "event": {
      const event = parseEvent(value["event"]);
      return event ? { type: "event", event, due: num(value["due"]) } : null;
    }
    case "events":
      return { type: "events", events: parseEvents(value["events"]) };
    case "error":
      return {
        type: "error",
        message: typeof value["message"] === "string" ? value["message"] : "The preview server reported an error.",
        code: typeof value["code"] === "string" ? value["code"] : "",
      };
    default:
      return null;
  }
}

/** Index of the first event later than ``t`` (the server's bisect_right): events before it have happened. */
export function positionAt(events: readonly Pick<SimEvent, "t">[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid]?.t ?? 0) <= t + 1e-9) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
