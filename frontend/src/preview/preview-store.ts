/**
 * The preview's state, shared by the (lazily loaded) preview panel and the canvas nodes that
 * animate. Frames from the server go through ``applyFrame`` (pure); the canvas reads ``view``,
 * which is ``podStateAt`` of the events that have happened, so seeking backwards just works.
 */

import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { createStore } from "zustand/vanilla";

import { type Cursor, afterEvents, fromClock, initialCursor, seekTo, timeAt } from "./cursor";
import type { PreviewFrame, Scenario, SimEvent, Speed, TimelineFrame } from "./model";
import { type ContainerBadge, type PodView, containerBadge, emptyPodView, podStateAt } from "./pod-state";

export type PreviewStatus = "idle" | "connecting" | "online" | "offline";

export type PreviewState = {
  open: boolean;
  status: PreviewStatus;
  /** Offline: milliseconds until the next connection attempt. */
  retryInMs: number | null;
  timeline: TimelineFrame | null;
  cursor: Cursor;
  /** The simulated time shown (interpolated between the server's frames). */
  now: number;
  /** The Pod as the events that have happened leave it. */
  view: PodView;
  error: { message: string; code: string } | null;
  /** Errors and warnings of the previewed design (the preview socket validates each load). */
  findings: { errors: number; warnings: number } | null;
  /** The scenario asked for (the timeline says which one is shown). */
  scenario: Scenario;
  /** The Pod asked for (null: the first one). */
  podChoice: string | null;
  /** Container names of the previewed Pod in spec order (the timeline's lanes). */
  order: string[];
  /** Set while a load is on its way, so stale frames of the previous timeline are not mixed in. */
  loading: boolean;
};

export type PreviewActions = {
  setOpen: (open: boolean) => void;
  receive: (frame: PreviewFrame, wallNow: number) => void;
  tick: (wallNow: number) => void;
  scrub: (t: number, wallNow: number) => void;
  setStatus: (status: PreviewStatus, retryInMs?: number | null) => void;
  setScenario: (scenario: Scenario) => void;
  setPodChoice: (pod: string | null) => void;
  setOrder: (order: string[]) => void;
  setError: (error: PreviewState["error"]) => void;
  setLoading: (loading: boolean) => void;
};

export type PreviewStore = PreviewState & PreviewActions;

export function initialPreviewState(): PreviewState {
  return {
    open: false,
    status: "idle",
    retryInMs: null,
    timeline: null,
    cursor: initialCursor(),
    now: 0,
    view: emptyPodView(),
    error: null,
    findings: null,
    scenario: { kind: "normal" },
    podChoice: null,
    order: [],
    loading: false,
  };
}

function events(state: PreviewState): readonly SimEvent[] {
  return state.timeline?.events ?? [];
}

function duration(state: PreviewState): number {
  return state.timeline?.duration ?? 0;
}

function withCursor(state: PreviewState, cursor: Cursor, wallNow: number): Partial<PreviewState> {
  const now = timeAt(cursor, wallNow, duration(state));
  // Every new timeline recomputes the view, so the position alone tells if it is current.
  const view = cursor.position === state.view.position ? state.view : podStateAt(events(state), cursor.position, now);
  return { cursor, now, view };
}

/** The state after one server frame (pure: tested without a socket). */
export function applyFrame(state: PreviewState, frame: PreviewFrame, wallNow: number): Partial<PreviewState> {
  switch (frame.type) {
    case "ready":
      return {};
    case "findings": {
      let errors = 0;
      let warnings = 0;
      for (const f of frame.findings) {
        if (f.severity === "error") errors += 1;
        else if (f.severity === "warning") warnings += 1;
      }
      return { findings: { errors, warnings } };
    }
    case "timeline": {
      const { type: _type, ...timeline } = frame;
      return {
        timeline,
        loading: false,
        // A note that the scenario fell back stays until dismissed; real errors are over.
        error: state.error?.code === "scenario-reset" ? state.error : null,
        scenario: frame.scenario,
        cursor: initialCursor(state.cursor.speed, wallNow),
        now: 0,
        view: podStateAt(timeline.events, 0, 0),
      };
    }
    case "clock":
    case "finished":
      if (state.loading) return {};
      return withCursor(state, fromClock(frame, wallNow), wallNow);
    case "event":
      if (state.loading) return {};
      return withCursor(state, afterEvents(state.cursor, [frame.event], wallNow, duration(state)), wallNow);
    case "events":
      if (state.loading) return {};
      return withCursor(state, afterEvents(state.cursor, frame.events, wallNow, duration(state)), wallNow);
    case "error":
      return { error: { message: frame.message, code: frame.code }, loading: false };
  }
}

export function createPreviewStore() {
  return createStore<PreviewStore>()((set, get) => ({
    ...initialPreviewState(),
    setOpen: (open) => set(open ? { open } : { ...initialPreviewState(), scenario: get().scenario, podChoice: get().podChoice }),
    receive: (frame, wallNow) => set(applyFrame(get(), frame, wallNow)),
    tick: (wallNow) => {
      const state = get();
      const now = timeAt(state.cursor, wallNow, duration(state));
      if (Math.abs(now - state.now) > 1e-6) set({ now });
    },
    scrub: (t, wallNow) => {
      const state = get();
      set(withCursor(state, seekTo(state.cursor, events(state), t, wallNow, duration(state)), wallNow));
    },
    setStatus: (status, retryInMs = null) => set({ status, retryInMs }),
    setScenario: (scenario) => set({ scenario }),
    setPodChoice: (podChoice) => set({ podChoice }),
    setOrder: (order) => {
      if (order.join("\u0000") !== get().order.join("\u0000")) set({ order });
    },
    setError: (error) => set({ error }),
    setLoading: (loading) => set({ loading }),
  }));
}

/** One preview per page: the panel drives it, the canvas nodes read it. */
export const previewStore = createPreviewStore();

export function usePreview<T>(selector: (state: PreviewStore) => T): T {
  return useStore(previewStore, selector);
}

export function usePreviewShallow<T>(selector: (state: PreviewStore) => T): T {
  return useStore(previewStore, useShallow(selector));
}

/** The badge of one container card while its Pod is previewed (null: not previewing it). */
export function selectBadge(state: PreviewState, podId: string, name: string): ContainerBadge | null {
  if (!state.open || !state.timeline || state.timeline.pod !== podId) return null;
  const badge = containerBadge(state.view.containers[name], state.now);
  return badge.progress === null ? badge : { ...badge, progress: Math.round(badge.progress * 50) / 50 };
}

/** The previewed Pod's view, if ``podId`` is the Pod being previewed. */
export function selectPodView(state: PreviewState, podId: string): PodView | null {
  if (!state.open || !state.timeline || state.timeline.pod !== podId) return null;
  return state.view;
}

export type { Speed };
