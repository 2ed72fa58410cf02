/**
 * The timeline chart as data: the simulation's events turned into lanes of coloured segments
 * (one lane per container, plus the Pod's phase, its conditions and its sandbox) and markers.
 * Pure: the view only maps seconds to pixels.
 */

import type { SimEvent } from "./model";
import { CONDITION_TYPES, type ConditionType, type StateTone } from "./pod-state";

export type Segment = { start: number; end: number };
export type StateSegment = Segment & { state: string; tone: StateTone; label: string };
export type LaneMark = { t: number; kind: "exit" | "restart" | "sigterm" | "sigkill" | "probe-failed"; label: string; tone: "ok" | "bad" | "info" };
export type ContainerLane = { name: string; segments: StateSegment[]; marks: LaneMark[] };
export type PhaseSegment = Segment & { phase: string };
export type ConditionSegment = Segment & { status: "True" | "False"; reason: string };
export type ConditionRow = { type: ConditionType; segments: ConditionSegment[] };
export type Marker = { t: number; kind: "condition" | "phase"; label: string; type: string; status: string; message: string };
export type PodMark = { t: number; kind: string; label: string; message: string };

export type Gantt = {
  /** The simulated time the last event happens (the playhead's range). */
  duration: number;
  /** Right edge of the chart: a little past the last event so final states stay visible. */
  end: number;
  phases: PhaseSegment[];
  podMarks: PodMark[];
  sandbox: Segment | null;
  conditions: ConditionRow[];
  lanes: ContainerLane[];
  markers: Marker[];
  ticks: number[];
};

export const STATE_TONE: Record<string, StateTone> = {
  waiting: "waiting",
  pulling: "pulling",
  created: "starting",
  starting: "starting",
  running: "running",
  ready: "ready",
  "crash-loop": "crash",
  terminating: "terminating",
  completed: "completed",
  terminated: "terminated",
};

const STATE_LABEL: Record<string, string> = {
  waiting: "waiting",
  pulling: "pulling",
  created: "created",
  starting: "postStart",
  running: "running",
  ready: "ready",
  "crash-loop": "backoff",
  terminating: "terminating",
  completed: "completed",
  terminated: "terminated",
};

const POD_MARKS: Record<string, string> = {
  "scheduling-gated": "gated",
  "pod-scheduled": "scheduled",
  "volumes-mounted": "volumes",
  "sandbox-created": "sandbox",
  "deadline-exceeded": "deadline",
  "deletion-requested": "delete",
  "sandbox-removed": "sandbox gone",
  "pod-deleted": "deleted",
};

const STARTING = new Set(["image-pulling", "container-created", "container-started"]);

const TICK_STEPS = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200];

/** Axis ticks (0, step, 2·step …) with at most ``most`` of them up to ``end``. */
export function axisTicks(end: number, most = 10): number[] {
  const step = TICK_STEPS.find((s) => end / s <= most) ?? Math.ceil(end / most);
  const ticks: number[] = [];
  for (let t = 0; t <= end + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}

/** Where the chart ends for a timeline whose last event is at ``duration``. */
export function chartEnd(duration: number): number {
  if (duration <= 0) return 1;
  return duration + Math.max(1, duration * 0.06);
}

function closeLast<T extends Segment>(list: T[], at: number): void {
  const last = list[list.length - 1];
  if (last && last.end < 0) last.end = at;
}

/** Drop segments that last no time at all (a state passed through within one instant). */
function visible<T extends Segment>(list: T[]): T[] {
  return list.filter((s) => s.end - s.start > 1e-9);
}

function backoffLabel(seconds: unknown): string {
  return typeof seconds === "number" && seconds > 0 ? `backoff ${seconds}s` : "backoff";
}

/**
 * Build the chart from the events (sorted by t, seq). ``order`` lists container names in the
 * order the lanes should appear (the design's spec order); names only seen in events follow.
 */
export function buildGantt(events: readonly SimEvent[], options: { order?: readonly string[]; duration?: number } = {}): Gantt {
  const last = events[events.length - 1];
  const duration = Math.max(options.duration ?? 0, last ? last.t : 0);
  const end = chartEnd(duration);
  const open = -1; // an open segment's end until the next change closes it

  const phases: PhaseSegment[] = [];
  const podMarks: PodMark[] = [];
  const markers: Marker[] = [];
  let sandbox: Segment | null = null;
  const conditions = new Map<ConditionType, ConditionSegment[]>(CONDITION_TYPES.map((type) => [type, []]));
  const lanes = new Map<string, ContainerLane>();
  const states = new Map<string, string>();
  const starts = new Map<string, number>();
  for (const name of options.order ?? []) lanes.set(name, { name, segments: [], marks: [] });

  for (const e of events) {
    if (e.container) {
      let lane = lanes.get(e.container);
      if (!lane) {
        lane = { name: e.container, segments: [], marks: [] };
        lanes.set(e.container, lane);
      }
      if (!starts.has(e.container) && STARTING.has(e.kind)) starts.set(e.container, e.t);
      const state = e.state ?? states.get(e.container) ?? "waiting";
      const label = state === "crash-loop" && e.kind === "container-restarting" ? backoffLabel(e.data["backoff"]) : (STATE_LABEL[state] ?? state);
      if (states.get(e.container) !== state) {
        closeLast(lane.segments, e.t);
        lane.segments.push({ start: e.t, end: open, state, tone: STATE_TONE[state] ?? "idle", label });
        states.set(e.container, state);
      }
      if (e.kind === "container-exited") {
        const code = typeof e.data["exit_code"] === "number" ? e.data["exit_code"] : null;
        lane.marks.push({ t: e.t, kind: "exit", label: `exit ${code ?? "?"}`, tone: code === 0 ? "ok" : "bad" });
      } else if (e.kind === "container-restarting") {
        lane.marks.push({ t: e.t, kind: "restart", label: `restart #${String(e.data["restart_count"] ?? "")}`, tone: "info" });
      } else if (e.kind === "sigterm" || e.kind === "sigkill") {
        lane.marks.push({ t: e.t, kind: e.kind, label: e.kind.toUpperCase(), tone: e.kind === "sigkill" ? "bad" : "info" });
      } else if (e.kind === "probe-failed") {
        lane.marks.push({ t: e.t, kind: "probe-failed", label: `${String(e.data["probe"] ?? "")} probe failed`, tone: "bad" });
      }
      continue;
    }
    if (e.kind === "phase" && typeof e.data["phase"] === "string") {
      closeLast(phases, e.t);
      phases.push({ start: e.t, end: open, phase: e.data["phase"] });
      markers.push({ t: e.t, kind: "phase", label: e.data["phase"], type: "phase", status: e.data["phase"], message: e.message });
    } else if (e.kind === "condition") {
      const type = e.data["type"];
      const status = e.data["status"];
      const row = typeof type === "string" ? conditions.get(type as ConditionType) : undefined;
      if (row && (status === "True" || status === "False")) {
        closeLast(row, e.t);
        row.push({ start: e.t, end: open, status, reason: typeof e.data["reason"] === "string" ? e.data["reason"] : "" });
        markers.push({ t: e.t, kind: "condition", label: `${String(type)}=${status}`, type: String(type), status, message: e.message });
      }
    } else {
      if (e.kind === "sandbox-created") sandbox = { start: e.t, end: open };
      if (e.kind === "sandbox-removed" && sandbox) sandbox.end = e.t;
      const label = POD_MARKS[e.kind];
      if (label) podMarks.push({ t: e.t, kind: e.kind, label, message: e.message });
    }
  }

  closeLast(phases, end);
  for (const row of conditions.values()) closeLast(row, end);
  if (sandbox && sandbox.end < 0) sandbox.end = end;
  // Lanes in the order the containers start (init containers first, as the kubelet runs them);
  // containers that never start keep the design's order, after the others.
  const rank = new Map([...lanes.keys()].map((name, i) => [name, i]));
  const laneList = [...lanes.values()]
    .map((lane) => {
      closeLast(lane.segments, end);
      return { ...lane, segments: visible(lane.segments) };
    })
    .sort((a, b) => (starts.get(a.name) ?? Infinity) - (starts.get(b.name) ?? Infinity) || (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0));
  return {
    duration,
    end,
    phases: visible(phases),
    podMarks,
    sandbox,
    conditions: CONDITION_TYPES.map((type) => ({ type, segments: visible(conditions.get(type) ?? []) })),
    lanes: laneList,
    markers,
    ticks: axisTicks(end),
  };
}
