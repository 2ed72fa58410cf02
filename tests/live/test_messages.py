"""Parsing of preview-socket frames: typed commands, or a MessageError meant for the user."""

from __future__ import annotations

import json

import pytest

from designer.live.messages import (
    MAX_FRAME_BYTES,
    Control,
    Load,
    MessageError,
    Seek,
    Speed,
    Validate,
    parse_frame,
)


def test_a_load_frame_with_a_document_and_a_scenario_name() -> None:
    cmd = parse_frame(
        json.dumps({"type": "load", "document": {"pods": []}, "scenario": "deletion"})
    )
    assert cmd == Load({"pods": []}, None, None, {"kind": "deletion"}, None, True)


def test_a_load_frame_with_a_library_design_and_revision() -> None:
    cmd = parse_frame(
        json.dumps({"type": "load", "design": "abc", "revision": 3, "autoplay": False})
    )
    assert isinstance(cmd, Load)
    assert (cmd.design_id, cmd.revision, cmd.autoplay, cmd.scenario) == (
        "abc",
        3,
        False,
        {"kind": "normal"},
    )


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "load"},
        {"type": "load", "document": {}, "design": "x"},
        {"type": "load", "document": []},
        {"type": "load", "design": 5},
        {"type": "load", "design": "x", "revision": 0},
        {"type": "load", "design": "x", "revision": True},
        {"type": "load", "document": {}, "scenario": 7},
        {"type": "load", "document": {}, "autoplay": "yes"},
    ],
)
def test_malformed_load_frames_are_refused_with_a_reason(frame: dict) -> None:
    with pytest.raises(MessageError):
        parse_frame(json.dumps(frame))


def test_controls_speed_seek_and_validate() -> None:
    assert parse_frame('{"type": "pause"}') == Control("pause")
    assert parse_frame('{"type": "speed", "value": 16}') == Speed(16.0)
    assert parse_frame('{"type": "speed", "value": "instant"}') == Speed(None)
    assert parse_frame('{"type": "seek", "t": 12.5}') == Seek(12.5)
    assert parse_frame('{"type": "validate", "document": {}}') == Validate({}, None)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "not json",
        "[]",
        '"x"',
        '{"type": "dance"}',
        '{"type": "speed", "value": 3}',
        '{"type": "seek", "t": -1}',
        '{"type": "seek", "t": "soon"}',
        '{"type": "seek", "t": true}',
        '{"type": "validate", "document": 1}',
        '{"type": "validate", "document": {}, "kubernetes_version": 1}',
    ],
)
def test_garbage_is_a_message_error_never_a_crash(text: str | None) -> None:
    with pytest.raises(MessageError):
        parse_frame(text)


def test_oversized_and_deeply_nested_frames_are_refused() -> None:
    with pytest.raises(MessageError, match="too large"):
        parse_frame(" " * (MAX_FRAME_BYTES + 1))
    deep = '{"type": "validate", "document": ' + '{"a": ' * 100 + "1" + "}" * 100 + "}"
    with pytest.raises(MessageError, match="nested"):
        parse_frame(deep)


def test_json_nested_past_the_decoders_recursion_limit_is_a_message_error() -> None:
    with pytest.raises(MessageError, match="nested"):
        parse_frame("[" * 200_000 + "]" * 200_000)
