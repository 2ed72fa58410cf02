"""Playback clock: play, pause, seek, speed, step with a fake wall clock."""

from __future__ import annotations

from designer.live.player import Player


def events(*times: float) -> list[dict]:
    return [{"t": t, "seq": i} for i, t in enumerate(times)]


def test_events_become_due_at_their_time_divided_by_the_speed() -> None:
    player = Player(events(0, 4, 8), speed=4.0)
    player.play(now=100.0)
    assert [e["seq"] for e, _ in player.due(100.0)] == [0]
    assert player.next_deadline() == 101.0
    assert player.due(100.9) == []
    batch = player.due(101.0)
    assert [(e["seq"], due) for e, due in batch] == [(1, 101.0)]
    assert [e["seq"] for e, _ in player.due(102.5)] == [2]
    assert player.finished and not player.playing


def test_pause_freezes_the_simulated_clock_and_play_resumes_from_there() -> None:
    player = Player(events(0, 10), speed=1.0)
    player.play(now=0.0)
    player.due(0.0)
    player.pause(now=4.0)
    assert player.now_sim(50.0) == 4.0
    assert player.due(50.0) == []
    player.play(now=50.0)
    assert player.next_deadline() == 56.0


def test_seek_marks_earlier_events_delivered_and_continues_from_the_new_time() -> None:
    player = Player(events(0, 2, 5, 9), speed=1.0)
    player.seek(5.0, now=0.0)
    assert player.position == 3
    player.play(now=0.0)
    assert player.next_deadline() == 4.0
    player.seek(0.0, now=1.0)
    assert player.position == 1  # the t=0 event counts as delivered at t=0


def test_changing_speed_does_not_make_the_clock_jump() -> None:
    player = Player(events(0, 20), speed=1.0)
    player.play(now=0.0)
    player.due(0.0)
    player.set_speed(16.0, now=4.0)
    assert player.now_sim(4.0) == 4.0
    assert player.next_deadline() == 5.0  # 16 s left at 16x


def test_instant_speed_makes_everything_due_at_once() -> None:
    player = Player(events(0, 30, 300), speed=None)
    player.play(now=10.0)
    assert [e["seq"] for e, _ in player.due(10.0)] == [0, 1, 2]


def test_step_delivers_one_event_and_pauses() -> None:
    player = Player(events(0, 3), speed=1.0)
    player.play(now=0.0)
    assert player.step(now=0.0) == {"t": 0, "seq": 0}
    assert not player.playing
    assert player.step(now=0.0) == {"t": 3, "seq": 1}
    assert player.step(now=0.0) is None


def test_play_after_the_end_starts_over() -> None:
    player = Player(events(0, 1), speed=None)
    player.play(now=0.0)
    player.due(0.0)
    assert player.finished
    player.play(now=5.0)
    assert player.position == 1 and player.playing


def test_an_empty_timeline_has_nothing_due() -> None:
    player = Player([], speed=1.0)
    player.play(now=0.0)
    assert player.due(1.0) == [] and player.next_deadline() is None
