"""Playback clock of a simulated timeline: which events are due at which wall-clock time.

Pure logic (no sockets, no asyncio): the consumer asks ``due(now)`` and ``next_deadline()`` and
sleeps in between, so play/pause/seek/speed are testable with a fake clock.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

SPEEDS: dict[str, float | None] = {"1": 1.0, "4": 4.0, "16": 16.0, "instant": None}


@dataclass
class Player:
    """Plays ``events`` (dicts with ``t`` in simulated seconds, sorted) at ``speed``x real time."""

    events: list[dict[str, Any]]
    speed: float | None = 1.0  # None: instant, everything is due at once
    playing: bool = False
    position: int = 0  # index of the next event to deliver
    sim_time: float = 0.0  # simulated time when paused, or at the anchor when playing
    anchor_wall: float = 0.0
    _times: list[float] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._times = [float(e["t"]) for e in self.events]

    @property
    def duration(self) -> float:
        return self._times[-1] if self._times else 0.0

    @property
    def finished(self) -> bool:
        return self.position >= len(self.events)

    def now_sim(self, now: float) -> float:
        """Simulated time at wall time ``now``."""
        if not self.playing:
            return self.sim_time
        if self.speed is None:
            return self.duration
        return min(self.duration, self.sim_time + (now - self.anchor_wall) * self.speed)

    def play(self, now: float) -> None:
        if self.finished:
            self.seek(0.0, now)
        if not self.playing:
            self.playing = True
            self.anchor_wall = now

    def pause(self, now: float) -> None:
        if self.playing:
            self.sim_time = self.now_sim(now)
            self.playing = False

    def set_speed(self, speed: float | None, now: float) -> None:
        # Re-anchor so the simulated clock does not jump when the rate changes.
        self.sim_time = self.now_sim(now)
        self.anchor_wall = now
        self.speed = speed

    def seek(self, t: float, now: float) -> None:
        """Jump to simulated time ``t``: events at or before it count as delivered."""
        t = max(0.0, min(float(t), self.duration))
        self.sim_time = t
        self.anchor_wall = now
        self.position = bisect.bisect_right(self._times, t)

    def step(self, now: float) -> dict[str, Any] | None:
        """Deliver the next event at once and pause there."""
        self.pause(now)
        if self.finished:
            return None
        event = self.events[self.position]
        self.position += 1
        self.sim_time = max(self.sim_time, float(event["t"]))
        return event

    def due(self, now: float) -> list[tuple[dict[str, Any], float]]:
        """Events whose time has come, each with the wall time it was due; advances past them."""
        if not self.playing:
            return []
        limit = self.now_sim(now)
        end = bisect.bisect_right(self._times, limit, lo=self.position)
        batch = [
            (e, self.expected_wall(t))
            for e, t in zip(self.events[self.position : end], self._times[self.position : end], strict=True)
        ]
        self.position = end
        if self.finished:
            self.sim_time = self.duration
            self.playing = False
        return batch

    def next_deadline(self) -> float | None:
        """Wall time at which the next event is due, or None when nothing is pending."""
        if not self.playing or self.finished:
            return None
        if self.speed is None:
            return self.anchor_wall
        wait = (self._times[self.position] - self.sim_time) / self.speed
        return self.anchor_wall + max(0.0, wait)

    def expected_wall(self, event_t: float) -> float:
        """When an event at simulated ``event_t`` should reach the wire (for lateness figures)."""
        if self.speed is None:
            return self.anchor_wall
        return self.anchor_wall + max(0.0, event_t - self.sim_time) / self.speed

    def clock(self, now: float) -> dict[str, Any]:
        return {
            "t": round(self.now_sim(now), 3),
            "playing": self.playing,
            "speed": "instant" if self.speed is None else self.speed,
            "position": self.position,
            "duration": self.duration,
        }
