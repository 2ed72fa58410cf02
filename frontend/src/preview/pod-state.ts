/**
 * What the canvas shows at one moment of the preview: a pure function of the events that have
 * happened (the first ``position`` of them) and the simulated time ``t`` (for countdowns). Seeking
 * backwards is therefore just a smaller ``position``: nothing is undone by hand.
 */

import type { ContainerState, SimEvent } from "./model";

export const CONDITION_TYPES = ["PodScheduled", "PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready"] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export type ConditionView = { status: "True" | "False"; reason: string; t: number };

export type ContainerView = {
  name: string;
  state: ContainerState;
  /** Simulated time the current state began. */
  since: number;
  restarts: number;
  exitCode: number | null;
  /** Crash-loop: the delay of this backoff and when the restart is due. */
  backoff: number | null;
  restartAt: number | null;
  /** Terminating after SIGTERM: when SIGKILL would follow. */
  killAt: number | null;
  preStop: boolean;
  ready: boolean;
  /** The last thing that happened to this container (its explanation). */
  message: string;
};

export type SandboxState = "none" | "up" | "removed";

export type PodView = {
  t: number;
  position: number;
  phase: string;
  conditions: Partial<Record<ConditionType, ConditionView>>;
  scheduled: boolean;
  gated: boolean;
  volumes: "none" | "mounted" | "unmounted";
  sandbox: SandboxState;
  deleting: boolean;
  deleted: boolean;
  containers: Record<string, ContainerView>;
  /** The latest event that has happened (the one the explanation line shows). */
  current: SimEvent | null;
};

const KNOWN_STATES = new Set<string>(["waiting", "pulling", "created", "starting", "running", "ready", "crash-loop", "terminating", "completed", "terminated"]);

function asNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function blankContainer(name: string, t: number): ContainerView {
  return {
    name,
    state: "waiting",
    since: t,
    restarts: 0,
    exitCode: null,
    backoff: null,
    restartAt: null,
    killAt: null,
    preStop: false,
    ready: false,
    message: "",
  };
}

export function emptyPodView(): PodView {
  return {
    t: 0,
    position: 0,
    phase: "",
    conditions: {},
    scheduled: false,
    gated: false,
    volumes: "none",
    sandbox: "none",
    deleting: false,
    deleted: false,
    containers: {},
    current: null,
  };
}

/** Fold one event into a container's view (returns a new object). */
function applyToContainer(before: ContainerView, e: SimEvent): ContainerView {
  const c: ContainerView = { ...before, message: e.message };
  const next = e.state && KNOWN_STATES.has(e.state) ? (e.state as ContainerState) : c.state;
  if (next !== c.state) c.since = e.t;
  c.state = next;
  const restarts = asNumber(e.data["restart_count"]);
  if (restarts !== null) c.restarts = restarts;
  switch (e.kind) {
    case "container-exited":
      c.exitCode = asNumber(e.data["exit_code"]);
      c.ready = false;
      c.killAt = null;
      c.preStop = false;
      break;
    case "container-restarting":
      c.backoff = asNumber(e.data["backoff"]);
      c.restartAt = asNumber(e.data["restart_at"]);
      break;
    case "container-ready":
      c.ready = true;
      break;
    case "pre-stop":
      c.preStop = true;
      break;
    case "pre-stop-done":
      c.preStop = false;
      break;
    case "sigterm": {
      const left = asNumber(e.data["grace_left"]);
      c.killAt = left !== null ? e.t + left : null;
      break;
    }
    case "sigkill":
      c.killAt = e.t;
      break;
    default:
      break;
  }
  if (c.state !== "crash-loop") {
    c.backoff = null;
    c.restartAt = null;
  }
  return c;
}

/**
 * The Pod at the moment the first ``position`` events have happened and the clock reads ``t``.
 * A container no event has named yet is absent (its card shows "not started").
 */
export function podStateAt(events: readonly SimEvent[], position: number, t: number): PodView {
  const view = emptyPodView();
  const end = Math.max(0, Math.min(position, events.length));
  const boxes: Record<string, ContainerView> = {};
  for (let i = 0; i < end; i += 1) {
    const e = events[i];
    if (!e) continue;
    if (e.container) {
      boxes[e.container] = applyToContainer(boxes[e.container] ?? blankContainer(e.container, e.t), e);
      continue;
    }
    switch (e.kind) {
      case "phase":
        if (typeof e.data["phase"] === "string") view.phase = e.data["phase"];
        break;
      case "condition": {
        const type = e.data["type"];
        const status = e.data["status"];
        if (typeof type === "string" && (CONDITION_TYPES as readonly string[]).includes(type) && (status === "True" || status === "False")) {
          view.conditions[type as ConditionType] = { status, reason: typeof e.data["reason"] === "string" ? e.data["reason"] : "", t: e.t };
        }
        break;
      }
      case "scheduling-gated":
        view.gated = true;
        break;
      case "pod-scheduled":
        view.scheduled = true;
        view.gated = false;
        break;
      case "volumes-mounted":
        view.volumes = "mounted";
        break;
      case "sandbox-created":
        view.sandbox = "up";
        break;
      case "sandbox-removed":
        view.sandbox = "removed";
        view.volumes = view.volumes === "mounted" ? "unmounted" : view.volumes;
        break;
      case "deletion-requested":
        view.deleting = true;
        break;
      case "pod-deleted":
        view.deleted = true;
        break;
      default:
        break;
    }
  }
  view.containers = boxes;
  view.position = end;
  view.t = t;
  view.current = end > 0 ? (events[end - 1] ?? null) : null;
  return view;
}

export type StateTone = "idle" | "waiting" | "pulling" | "starting" | "running" | "ready" | "completed" | "crash" | "terminating" | "terminated";

export type ContainerBadge = {
  state: ContainerState | "not-started";
  tone: StateTone;
  label: string;
  /** The second half of the badge: countdown, exit code, restarts. */
  detail: string;
  /** Crash-loop / SIGKILL countdown in whole seconds (rounded up), or null. */
  countdown: number | null;
  /** 0..1: how much of the backoff has elapsed (for a draining bar), or null. */
  progress: number | null;
};

function seconds(value: number): string {
  return `${Math.max(0, Math.ceil(value - 1e-6))}s`;
}

/** The label a container card shows: colour tone + words + countdown, from its view at time t. */
export function containerBadge(view: ContainerView | undefined, t: number): ContainerBadge {
  if (!view) return { state: "not-started", tone: "idle", label: "not started", detail: "", countdown: null, progress: null };
  const restarts = view.restarts ? `restarts: ${view.restarts}` : "";
  switch (view.state) {
    case "waiting":
      return { state: "waiting", tone: "waiting", label: "waiting", detail: restarts, countdown: null, progress: null };
    case "pulling":
      return { state: "pulling", tone: "pulling", label: "pulling image", detail: restarts, countdown: null, progress: null };
    case "created":
      return { state: "created", tone: "starting", label: "created", detail: restarts, countdown: null, progress: null };
    case "starting":
      return { state: "starting", tone: "starting", label: "starting", detail: "postStart hook", countdown: null, progress: null };
    case "running":
      return { state: "running", tone: "running", label: "running", detail: restarts, countdown: null, progress: null };
    case "ready":
      return { state: "ready", tone: "ready", label: "ready", detail: restarts, countdown: null, progress: null };
    case "completed":
      return { state: "completed", tone: "completed", label: "completed", detail: `exit ${view.exitCode ?? 0}`, countdown: null, progress: null };
    case "terminated":
      return { state: "terminated", tone: "terminated", label: "terminated", detail: view.exitCode !== null ? `exit ${view.exitCode}` : "", countdown: null, progress: null };
    case "crash-loop": {
      const left = view.restartAt !== null ? Math.max(0, view.restartAt - t) : null;
      const total = view.backoff ?? 0;
      return {
        state: "crash-loop",
        tone: "crash",
        label: "crash loop",
        detail: left !== null ? `restart in ${seconds(left)}` : "backing off",
        countdown: left !== null ? Math.ceil(left - 1e-6) : null,
        progress: left !== null && total > 0 ? Math.min(1, Math.max(0, 1 - left / total)) : null,
      };
    }
    case "terminating": {
      if (view.preStop) return { state: "terminating", tone: "terminating", label: "terminating", detail: "preStop hook", countdown: null, progress: null };
      const left = view.killAt !== null ? Math.max(0, view.killAt - t) : null;
      return {
        state: "terminating",
        tone: "terminating",
        label: "terminating",
        detail: left !== null ? `kill in ${seconds(left)}` : "",
        countdown: left !== null ? Math.ceil(left - 1e-6) : null,
        progress: null,
      };
    }
  }
}
