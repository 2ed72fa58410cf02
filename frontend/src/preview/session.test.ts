import { describe, expect, it } from "vitest";

import type { SocketLike } from "../api/reconnecting-socket";
import { warTomcat } from "../domain/test-fixtures";
import { addContainer } from "../domain/ops";
import { createEditorStore } from "../store/editor-store";
import { createPreviewStore } from "./preview-store";
import { FOLLOW_DEBOUNCE_MS, createPreviewSession } from "./session";
import { warTomcatNormal } from "./test-events";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function harness() {
  let now = 0;
  const timers: { fn: () => void; at: number; live: boolean }[] = [];
  const sockets: FakeSocket[] = [];
  const editor = createEditorStore(warTomcat());
  const preview = createPreviewStore();
  preview.getState().setOpen(true);
  const session = createPreviewSession(editor, preview, {
    url: "ws://test/ws/preview/",
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { fn, at: now + ms, live: true };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { live: boolean }).live = false;
    },
    setTicker: () => 0,
    clearTicker: () => undefined,
    socket: {
      random: () => 0,
      create: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      setTimer: (fn, ms) => {
        const t = { fn, at: now + ms, live: true };
        timers.push(t);
        return t;
      },
      clearTimer: (h) => {
        (h as { live: boolean }).live = false;
      },
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.live && x.at <= now)) {
      t.live = false;
      t.fn();
    }
  };
  const socket = () => {
    const s = sockets[sockets.length - 1];
    if (!s) throw new Error("no socket");
    return s;
  };
  const types = () => socket().sent.map((f) => f["type"]);
  return { editor, preview, session, sockets, socket, advance, types, clock: () => now };
}

const timeline = { type: "timeline", pod: "pod-1", scenario: { kind: "normal" }, scenarios: [], phase: "Running", duration: 10, events: warTomcatNormal };

describe("a preview session", () => {
  it("sends the speed and loads the current design (autoplay) when the socket opens", () => {
    const h = harness();
    h.session.start();
    h.socket().open();
    expect(h.types()).toEqual(["speed", "load"]);
    const load = h.socket().sent[1];
    expect(load).toMatchObject({ type: "load", scenario: { kind: "normal" }, pod: "pod-1", autoplay: true });
    expect((load?.["document"] as { pods: unknown[] }).pods).toHaveLength(1);
    expect(h.preview.getState().order).toEqual(["war", "tomcat", "log"]);
    expect(h.preview.getState().status).toBe("online");
    h.session.stop();
  });

  it("follows design edits with one debounced load that keeps the playhead", () => {
    const h = harness();
    h.session.start();
    h.socket().open();
    h.socket().receive(timeline);
    h.socket().receive({ type: "clock", t: 6, playing: true, speed: 4, position: 12, duration: 10 });
    h.socket().sent.length = 0;
    h.editor.getState().run(addContainer(h.editor.getState().doc, "pod-1", "nginx"));
    h.editor.getState().run(addContainer(h.editor.getState().doc, "pod-1", "redis"));
    h.advance(FOLLOW_DEBOUNCE_MS - 1);
    expect(h.types()).toEqual([]);
    h.advance(1);
    expect(h.types()).toEqual(["load", "seek", "play"]);
    expect(h.socket().sent[0]).toMatchObject({ autoplay: false });
    expect(h.socket().sent[1]?.["t"]).toBeCloseTo(6, 1);
    // Frames of the old timeline still on their way are not mixed into the new one.
    expect(h.preview.getState().loading).toBe(true);
    h.session.stop();
  });

  it("does not reload when only the layout changed", () => {
    const h = harness();
    h.session.start();
    h.socket().open();
    h.socket().sent.length = 0;
    h.editor.getState().apply((doc) => ({ ...doc, layout: { ...doc.layout, "pod-1": { x: 300, y: 40 } } }));
    h.advance(FOLLOW_DEBOUNCE_MS * 2);
    expect(h.types()).toEqual([]);
    h.session.stop();
  });

  it("throttles scrubbing to ten seeks a second, and a control waits for the last seek", () => {
    const h = harness();
    h.session.start();
    h.socket().open();
    h.socket().receive(timeline);
    h.socket().sent.length = 0;
    for (let i = 0; i < 20; i += 1) {
      h.session.controls.seek(i * 0.5);
      h.advance(10);
    }
    const seeks = h.socket().sent.filter((f) => f["type"] === "seek");
    expect(seeks.length).toBeLessThanOrEqual(3);
    expect(h.preview.getState().now).toBe(9.5);
    h.session.controls.step();
    expect(h.types().slice(-2)).toEqual(["seek", "step"]);
    expect(h.socket().sent.at(-2)?.["t"]).toBe(9.5);
    h.session.stop();
  });

  it("falls back to a normal start when the chosen failure no longer applies", () => {
    const h = harness();
    h.session.start();
    h.socket().open();
    h.session.controls.chooseScenario({ kind: "init-failure", container: "war" });
    expect(h.socket().sent.at(-1)).toMatchObject({ type: "load", scenario: { kind: "init-failure", container: "war" }, autoplay: true });
    h.socket().receive({ type: "error", code: "bad-design", message: "cannot preview this design: scenario init-failure needs a regular init container, and this Pod has none" });
    expect(h.socket().sent.at(-1)).toMatchObject({ type: "load", scenario: { kind: "normal" } });
    expect(h.preview.getState().error?.message).toContain("Back to a normal start: scenario init-failure needs a regular init container");
    h.socket().receive(timeline);
    expect(h.preview.getState().error?.code).toBe("scenario-reset");
    h.session.stop();
  });

  it("shows other server errors inline and keeps going", () => {
    const h = harness();
    h.session.start();
    h.socket().open();
    h.socket().receive({ type: "error", message: "too many messages: slow down (at most 20 per second)" });
    expect(h.preview.getState().error?.message).toBe("too many messages: slow down (at most 20 per second)");
    h.socket().receive(timeline);
    expect(h.preview.getState().error).toBeNull();
    h.session.stop();
  });

  it("reconnects after a drop and picks up where the playhead was", () => {
    const h = harness();
    h.session.start();
    h.socket().open();
    h.socket().receive(timeline);
    h.socket().receive({ type: "clock", t: 4, playing: false, speed: 16, position: 9, duration: 10 });
    h.session.controls.setSpeed(16);
    h.socket().onclose?.({ code: 1006 });
    expect(h.preview.getState().status).toBe("offline");
    h.advance(500);
    expect(h.sockets).toHaveLength(2);
    h.socket().open();
    expect(h.types()).toEqual(["speed", "load", "seek"]);
    expect(h.socket().sent[0]).toEqual({ type: "speed", value: 16 });
    expect(h.socket().sent[2]).toEqual({ type: "seek", t: 4 });
    h.session.stop();
  });

  it("previews nothing for a design without Pods", () => {
    const h = harness();
    h.editor.getState().loadDocument({ ...warTomcat(), pods: [] }, { id: null, name: "x", revision: null });
    h.session.start();
    h.socket().open();
    expect(h.types()).toEqual(["speed"]);
    expect(h.preview.getState().timeline).toBeNull();
    h.session.stop();
  });
});
