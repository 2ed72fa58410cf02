/**
 * One preview session: the /ws/preview/ socket (reconnecting with backoff), what it sends and what
 * it does with what comes back. The current, unsaved design is loaded; when it changes, a new
 * ``load`` follows (debounced) that keeps the playhead where it was. UI-free, so it is tested with a
 * fake socket; the panel calls ``controls``.
 */

import { ReconnectingSocket, type SocketOptions, throttle } from "../api/reconnecting-socket";
import { type DesignDocument, type PodDoc, containerName } from "../domain/design";
import type { EditorStoreApi } from "../store/editor-store";
import { type Scenario, type Speed, parsePreviewFrame } from "./model";
import { emptyPodView } from "./pod-state";
import type { createPreviewStore } from "./preview-store";

export const FOLLOW_DEBOUNCE_MS = 400;
/** Scrubbing sends at most ten seeks a second (the server allows twenty messages). */
export const SEEK_INTERVAL_MS = 100;
const TICK_MS = 50;

export type PreviewControls = {
  play: () => void;
  pause: () => void;
  step: () => void;
  restart: () => void;
  setSpeed: (speed: Speed) => void;
  /** Move the playhead to ``t`` at once on screen; the server hears of it (throttled). */
  seek: (t: number) => void;
  chooseScenario: (scenario: Scenario) => void;
  choosePod: (podId: string) => void;
  /** Try to connect again now (after a drop). */
  reconnect: () => void;
};

type PreviewStoreApi = ReturnType<typeof createPreviewStore>;

export type SessionOptions = {
  url: string;
  socket?: SocketOptions;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  setTicker?: (fn: () => void, ms: number) => unknown;
  clearTicker?: (handle: unknown) => void;
};

export function previewedPod(doc: DesignDocument, choice: string | null): PodDoc | undefined {
  return doc.pods.find((p) => p.id === choice) ?? doc.pods[0];
}

function scenarioGone(message: string): boolean {
  return /scenario/i.test(message);
}

export function createPreviewSession(editor: EditorStoreApi, store: PreviewStoreApi, options: SessionOptions) {
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const setTicker = options.setTicker ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const clearTicker = options.clearTicker ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));

  let speed: Speed = store.getState().cursor.speed;
  let sentPods: DesignDocument["pods"] | null = null;
  let sentVersion = "";
  let followTimer: unknown = null;
  let ticker: unknown = null;
  let unsubscribe: (() => void) | null = null;

  const send = (frame: Record<string, unknown>): boolean => socket.send(JSON.stringify(frame));
  /** Controls go out after any seek still waiting in the throttle, so they apply in the order made. */
  const control = (frame: Record<string, unknown>): boolean => {
    seekThrottle.flush();
    return send(frame);
  };

  /** "start" plays from 0; "follow" keeps the playhead (time and playing) across the new load. */
  const load = (mode: "start" | "follow") => {
    const doc = editor.getState().doc;
    const state = store.getState();
    const pod = previewedPod(doc, state.podChoice);
    sentPods = doc.pods;
    sentVersion = doc.kubernetes_version;
    if (!pod) {
      store.setState({ timeline: null, loading: false, error: null, view: emptyPodView() });
      return;
    }
    store.getState().setOrder(pod.containers.map(containerName));
    const follow = mode === "follow" && state.timeline !== null;
    const keep = { t: state.now, playing: state.cursor.playing };
    const ok = control({ type: "load", document: doc, scenario: state.scenario, pod: pod.id, autoplay: !follow });
    if (!ok) return;
    store.getState().setLoading(true);
    if (follow && keep.t > 0) send({ type: "seek", t: keep.t });
    if (follow && keep.playing) send({ type: "play" });
  };

  const socket = new ReconnectingSocket(
    options.url,
    {
      onMessage: (text) => {
        const frame = parsePreviewFrame(text);
        if (!frame) return;
        const state = store.getState();
        if (frame.type === "error" && frame.code === "bad-design" && state.scenario.kind !== "normal" && scenarioGone(frame.message)) {
          // The design changed and the chosen failure no longer applies: back to a normal start.
          state.setScenario({ kind: "normal" });
          load("start");
          store.getState().setError({ message: `Back to a normal start: ${frame.message.replace(/^cannot preview this design: /, "")}.`, code: "scenario-reset" });
          return;
        }
        state.receive(frame, now());
      },
      onOpen: () => {
        send({ type: "speed", value: speed });
        load("follow");
      },
      onPhase: (phase, info) => {
        const status = phase === "open" ? "online" : phase === "connecting" ? "connecting" : phase === "retrying" ? "offline" : "idle";
        store.getState().setStatus(status, info.retryInMs ?? null);
      },
    },
    options.socket,
  );

  const seekThrottle = throttle((t: number) => void send({ type: "seek", t: Math.round(t * 1000) / 1000 }), SEEK_INTERVAL_MS, {
    now,
    setTimer,
    clearTimer,
  });

  const controls: PreviewControls = {
    play: () => void control({ type: "play" }),
    pause: () => void control({ type: "pause" }),
    step: () => void control({ type: "step" }),
    restart: () => void control({ type: "restart" }),
    setSpeed: (value) => {
      speed = value;
      store.setState({ cursor: { ...store.getState().cursor, speed: value } });
      control({ type: "speed", value });
    },
    seek: (t) => {
      store.getState().scrub(t, now());
      seekThrottle.call(store.getState().now);
    },
    chooseScenario: (scenario) => {
      store.getState().setScenario(scenario);
      load("start");
    },
    choosePod: (podId) => {
      store.getState().setPodChoice(podId);
      load("start");
    },
    reconnect: () => {
      socket.stop();
      socket.start();
    },
  };

  return {
    controls,
    start() {
      socket.start();
      unsubscribe = editor.subscribe((state) => {
        if (state.doc.pods === sentPods && state.doc.kubernetes_version === sentVersion) return; // layout only
        if (followTimer !== null) clearTimer(followTimer);
        followTimer = setTimer(() => {
          followTimer = null;
          load("follow");
        }, FOLLOW_DEBOUNCE_MS);
      });
      ticker = setTicker(() => {
        const state = store.getState();
        if (state.cursor.playing) state.tick(now());
      }, TICK_MS);
    },
    stop() {
      unsubscribe?.();
      unsubscribe = null;
      if (followTimer !== null) clearTimer(followTimer);
      followTimer = null;
      if (ticker !== null) clearTicker(ticker);
      ticker = null;
      seekThrottle.cancel();
      socket.stop();
    },
  };
}

export type PreviewSession = ReturnType<typeof createPreviewSession>;
