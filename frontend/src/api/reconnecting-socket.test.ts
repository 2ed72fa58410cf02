import { describe, expect, it } from "vitest";

import { ReconnectingSocket, type SocketLike, backoffDelay, throttle } from "./reconnecting-socket";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function harness(giveUpCodes: number[] = []) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const phases: string[] = [];
  const messages: string[] = [];
  const opens: boolean[] = [];
  const socket = new ReconnectingSocket(
    "ws://x/ws/preview/",
    {
      onMessage: (t) => messages.push(t),
      onOpen: (again) => opens.push(again),
      onPhase: (phase, info) => phases.push(info.retryInMs !== undefined ? `${phase}:${info.retryInMs}` : phase),
    },
    {
      giveUpCodes,
      random: () => 0,
      create: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return timers.length;
      },
      clearTimer: () => undefined,
    },
  );
  return { socket, sockets, timers, phases, messages, opens };
}

describe("ReconnectingSocket", () => {
  it("reconnects with a growing delay and tells the page it reconnected", () => {
    const h = harness();
    h.socket.start();
    h.sockets[0]?.open();
    h.sockets[0]?.onmessage?.({ data: '{"type":"ready"}' });
    expect(h.messages).toEqual(['{"type":"ready"}']);
    h.sockets[0]?.drop();
    expect(h.timers.map((t) => t.ms)).toEqual([500]);
    h.timers[0]?.fn();
    h.sockets[1]?.drop();
    h.timers[1]?.fn();
    h.sockets[2]?.drop();
    expect(h.timers.map((t) => t.ms)).toEqual([500, 1000, 2000]);
    h.timers[2]?.fn();
    h.sockets[3]?.open();
    expect(h.opens).toEqual([false, true]);
    expect(h.phases).toEqual(["connecting", "open", "retrying:500", "connecting", "retrying:1000", "connecting", "retrying:2000", "connecting", "open"]);
    // A good connection resets the backoff.
    h.sockets[3]?.drop();
    expect(h.timers.at(-1)?.ms).toBe(500);
  });

  it("gives up on a refusal close code, and sends only while open", () => {
    const h = harness([4403, 4404]);
    h.socket.start();
    expect(h.socket.send("x")).toBe(false);
    h.sockets[0]?.open();
    expect(h.socket.send("hello")).toBe(true);
    expect(h.sockets[0]?.sent).toEqual(["hello"]);
    h.sockets[0]?.drop(4404);
    expect(h.timers).toEqual([]);
    expect(h.phases.at(-1)).toBe("closed");
  });

  it("stop() closes for good: no reconnection", () => {
    const h = harness();
    h.socket.start();
    h.sockets[0]?.open();
    h.socket.stop();
    h.sockets[0]?.drop();
    expect(h.timers).toEqual([]);
    expect(h.sockets[0]?.readyState).toBe(3);
  });

  it("caps the delay", () => {
    expect([1, 2, 3, 6, 7, 20].map((a) => backoffDelay(a))).toEqual([500, 1000, 2000, 15_000, 15_000, 15_000]);
  });
});

describe("throttle", () => {
  it("sends the first call at once and the latest of a burst after the interval (≤ 10 per second)", () => {
    let now = 0;
    const timers: { fn: () => void; at: number }[] = [];
    const sent: number[] = [];
    const seek = throttle((t: number) => sent.push(t), 100, {
      now: () => now,
      setTimer: (fn, ms) => timers.push({ fn, at: now + ms }),
      clearTimer: () => undefined,
    });
    seek.call(1);
    for (let i = 2; i <= 30; i += 1) {
      now += 10;
      seek.call(i);
      const due = timers.filter((t) => t.at <= now);
      for (const t of due) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    }
    now += 100;
    for (const t of timers.splice(0)) t.fn();
    expect(sent[0]).toBe(1);
    expect(sent.at(-1)).toBe(30);
    expect(sent.length).toBeLessThanOrEqual(5);
  });
});
