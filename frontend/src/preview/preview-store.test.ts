import { describe, expect, it } from "vitest";

import { afterEvents, initialCursor, seekTo, timeAt } from "./cursor";
import { type PreviewFrame, parsePreviewFrame, positionAt } from "./model";
import { createPreviewStore, selectBadge } from "./preview-store";
import { warTomcatInitFailure, warTomcatNormal } from "./test-events";

function frame(value: unknown): PreviewFrame {
  const parsed = parsePreviewFrame(JSON.stringify(value));
  if (!parsed) throw new Error(`not a frame: ${JSON.stringify(value)}`);
  return parsed;
}

const timeline = (events = warTomcatNormal, duration = 10) =>
  frame({
    type: "timeline",
    pod: "pod-1",
    scenario: { kind: "normal" },
    scenarios: [
      { kind: "normal", title: "Normal start", description: "…", container: null },
      { kind: "init-failure", title: "Init container copy-war fails", description: "…", container: "copy-war" },
    ],
    phase: "Running",
    duration,
    events,
  });

describe("parsePreviewFrame", () => {
  it("reads every frame the server sends", () => {
    expect(frame({ type: "ready", speeds: ["1", "4", "16", "instant"] })).toEqual({ type: "ready", speeds: ["1", "4", "16", "instant"] });
    expect(frame({ type: "clock", t: 2.5, playing: true, speed: 16, position: 7, duration: 10 })).toEqual({
      type: "clock",
      t: 2.5,
      playing: true,
      speed: 16,
      position: 7,
      duration: 10,
    });
    expect(frame({ type: "clock", t: 0, playing: false, speed: "instant", position: 0, duration: 1 })).toMatchObject({ speed: "instant" });
    expect(frame({ type: "events", events: warTomcatNormal.slice(0, 3), dues: [1, 2, 3] })).toMatchObject({ type: "events", events: warTomcatNormal.slice(0, 3) });
    expect(frame({ type: "error", message: "nope", code: "bad-design" })).toEqual({ type: "error", message: "nope", code: "bad-design" });
    const t = timeline();
    expect(t.type === "timeline" && t.scenarios.map((s) => s.title)).toEqual(["Normal start", "Init container copy-war fails"]);
    expect(frame({ type: "findings", valid: false, findings: [{ severity: "error", rule: "r", path: "p", message: "m" }] })).toMatchObject({
      type: "findings",
      valid: false,
    });
  });

  it("drops what it does not understand", () => {
    expect(parsePreviewFrame("{")).toBeNull();
    expect(parsePreviewFrame('{"type":"party"}')).toBeNull();
    expect(parsePreviewFrame('{"type":"event","event":{"t":1}}')).toBeNull();
    expect(parsePreviewFrame("[]")).toBeNull();
  });
});

describe("the playhead", () => {
  it("interpolates between frames at the playing speed and stops at the end", () => {
    const cursor = { ...initialCursor(4, 1000), playing: true, t: 2 };
    expect(timeAt(cursor, 1500, 10)).toBe(4);
    expect(timeAt(cursor, 9000, 10)).toBe(10);
    expect(timeAt({ ...cursor, playing: false }, 9000, 10)).toBe(2);
    expect(timeAt({ ...cursor, speed: "instant" }, 1000, 10)).toBe(10);
  });

  it("moves to delivered events without jumping back, and seeks by time", () => {
    const playing = { ...initialCursor(4, 0), playing: true, t: 0 };
    const moved = afterEvents(playing, warTomcatNormal.slice(0, 3), 200, 10);
    expect(moved).toMatchObject({ position: 3, t: 0.8 });
    const seek = seekTo(moved, warTomcatNormal, 5, 300, 10);
    expect(seek).toMatchObject({ t: 5, position: positionAt(warTomcatNormal, 5) });
    expect(seekTo(moved, warTomcatNormal, 99, 300, 10).t).toBe(10);
  });

  it("positionAt counts the events at or before t, as the server's bisect_right", () => {
    expect(positionAt(warTomcatNormal, -1)).toBe(0);
    expect(positionAt(warTomcatNormal, 0)).toBe(1);
    expect(positionAt(warTomcatNormal, 0.5)).toBe(3);
    expect(positionAt(warTomcatNormal, 10)).toBe(warTomcatNormal.length);
  });
});

describe("the preview store", () => {
  it("takes a timeline, then clock and event frames, and the canvas view follows", () => {
    const store = createPreviewStore();
    store.getState().setOpen(true);
    store.getState().receive(timeline(), 0);
    expect(store.getState().view.position).toBe(0);
    store.getState().receive(frame({ type: "clock", t: 0, playing: true, speed: 4, position: 0, duration: 10 }), 0);
    const upTo = positionAt(warTomcatNormal, 5);
    store.getState().receive(frame({ type: "events", events: warTomcatNormal.slice(0, upTo), dues: [] }), 1250);
    const state = store.getState();
    expect(state.now).toBe(5);
    expect(state.view.containers["copy-war"]?.state).toBe("running");
    expect(selectBadge(state, "pod-1", "tomcat")).toMatchObject({ state: "waiting" });
    expect(selectBadge(state, "pod-2", "tomcat")).toBeNull();
  });

  it("scrubbing back shows the earlier state; the server's clock confirms it", () => {
    const store = createPreviewStore();
    store.getState().setOpen(true);
    store.getState().receive(timeline(), 0);
    store.getState().receive(frame({ type: "events", events: warTomcatNormal, dues: [] }), 10);
    store.getState().receive(frame({ type: "finished", t: 10, playing: false, speed: 4, position: warTomcatNormal.length, duration: 10 }), 10);
    expect(store.getState().view.containers["tomcat"]?.state).toBe("ready");
    store.getState().scrub(3, 20);
    expect(store.getState().view.containers["tomcat"]?.state).toBe("waiting");
    expect(store.getState().view.containers["copy-war"]?.state).toBe("pulling");
    store.getState().receive(frame({ type: "clock", t: 3, playing: false, speed: 4, position: positionAt(warTomcatNormal, 3), duration: 10 }), 30);
    expect(store.getState().now).toBe(3);
  });

  it("ticks the crash-loop countdown while playing", () => {
    const store = createPreviewStore();
    store.getState().setOpen(true);
    store.getState().receive(timeline(warTomcatInitFailure, 338.5), 0);
    store.getState().receive(frame({ type: "clock", t: 12, playing: true, speed: 1, position: positionAt(warTomcatInitFailure, 12), duration: 338.5 }), 0);
    expect(selectBadge(store.getState(), "pod-1", "copy-war")).toMatchObject({ state: "crash-loop", detail: "restart in 9s" });
    store.getState().tick(3000);
    expect(store.getState().now).toBe(15);
    expect(selectBadge(store.getState(), "pod-1", "copy-war")).toMatchObject({ detail: "restart in 6s", progress: 0.4 });
  });

  it("ignores stale frames while a new load is on its way, and keeps errors until a timeline comes", () => {
    const store = createPreviewStore();
    store.getState().setOpen(true);
    store.getState().receive(timeline(), 0);
    store.getState().setLoading(true);
    store.getState().receive(frame({ type: "events", events: warTomcatNormal, dues: [] }), 10);
    expect(store.getState().view.position).toBe(0);
    store.getState().receive(frame({ type: "error", message: "cannot preview this design: boom", code: "bad-design" }), 20);
    expect(store.getState()).toMatchObject({ loading: false, error: { message: "cannot preview this design: boom", code: "bad-design" } });
    store.getState().receive(timeline(), 30);
    expect(store.getState().error).toBeNull();
  });

  it("closing forgets the timeline but keeps the chosen scenario", () => {
    const store = createPreviewStore();
    store.getState().setOpen(true);
    store.getState().receive(timeline(), 0);
    store.getState().setScenario({ kind: "init-failure", container: "copy-war" });
    store.getState().setOpen(false);
    expect(store.getState()).toMatchObject({ open: false, timeline: null, scenario: { kind: "init-failure", container: "copy-war" } });
  });
});
