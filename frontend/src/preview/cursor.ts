/**
 * The playhead, driven by the server's ``clock`` and ``event`` frames and interpolated in between
 * (the server sends nothing while the simulated clock runs from one event to the next).
 * ``position`` counts the events that have happened; ``t`` is the simulated time at wall time ``at``.
 */

import { type ClockFrame, type SimEvent, type Speed, positionAt } from "./model";

export type Cursor = { position: number; t: number; playing: boolean; speed: Speed; at: number };

export function initialCursor(speed: Speed = 4, now = 0): Cursor {
  return { position: 0, t: 0, playing: false, speed, at: now };
}

/** Simulated time at wall time ``now`` (milliseconds), never past the timeline's end. */
export function timeAt(cursor: Cursor, now: number, duration: number): number {
  if (!cursor.playing) return cursor.t;
  if (cursor.speed === "instant") return duration;
  const t = cursor.t + (Math.max(0, now - cursor.at) / 1000) * cursor.speed;
  return Math.min(duration, t);
}

/** The server's clock is the truth: take it as it is. */
export function fromClock(clock: ClockFrame, now: number): Cursor {
  return { position: clock.position, t: clock.t, playing: clock.playing, speed: clock.speed, at: now };
}

/**
 * Events arrived: they have happened. While playing, the playhead never jumps back to an event's
 * time when the interpolation already passed it (an event travels for a few milliseconds).
 */
export function afterEvents(cursor: Cursor, events: readonly SimEvent[], now: number, duration: number): Cursor {
  const last = events[events.length - 1];
  if (!last) return cursor;
  const position = last.seq >= 0 ? Math.max(cursor.position, last.seq + 1) : cursor.position + events.length;
  const running = cursor.playing ? timeAt(cursor, now, duration) : cursor.t;
  const t = cursor.playing ? Math.max(last.t, running) : Math.max(last.t, cursor.t);
  return { ...cursor, position, t, at: now };
}

/** Jump to ``t`` locally (scrubbing) before the server confirms: events at or before it count. */
export function seekTo(cursor: Cursor, events: readonly SimEvent[], t: number, now: number, duration: number): Cursor {
  const clamped = Math.max(0, Math.min(t, duration));
  return { ...cursor, t: clamped, position: positionAt(events, clamped), at: now };
}
