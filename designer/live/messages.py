"""Client frames of the preview socket, parsed into typed commands (pure, tested sans sockets)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from designer.domain.limits import MAX_JSON_DEPTH, too_deep
from designer.live.player import SPEEDS

MAX_FRAME_BYTES = 512 * 1024


class MessageError(ValueError):
    """A frame the server cannot act on; the text goes back to the client in an error frame."""


@dataclass(frozen=True, slots=True)
class Load:
    """Replace the running preview with this design (document, or a library design + revision)."""

    document: dict[str, Any] | None
    design_id: str | None
    revision: int | None
    scenario: dict[str, Any]
    pod: str | None
    autoplay: bool


@dataclass(frozen=True, slots=True)
class Control:
    """play, pause, step, restart."""

    action: str


@dataclass(frozen=True, slots=True)
class Speed:
    value: float | None  # None = instant


@dataclass(frozen=True, slots=True)
class Seek:
    t: float


@dataclass(frozen=True, slots=True)
class Validate:
    """Validate a design document without (re)starting the preview."""

    document: dict[str, Any]
    kubernetes_version: str | None


Command = Load | Control | Speed | Seek | Validate

_CONTROLS = ("play", "pause", "step", "restart")


def load_json(text: str) -> Any:
    """Decode a JSON text frame within the depth bound; MessageError otherwise."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise MessageError(f"frame nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as exc:
        raise MessageError(f"frame is not valid JSON: {exc}") from exc
    if too_deep(data):
        raise MessageError(f"frame nested deeper than {MAX_JSON_DEPTH} levels")
    return data


def parse_frame(text: str | None) -> Command:
    """Parse one text frame; raise MessageError with a message meant for the user."""
    if text is None:
        raise MessageError("send JSON text frames, not binary")
    if len(text) > MAX_FRAME_BYTES:
        raise MessageError(f"frame too large: at most {MAX_FRAME_BYTES // 1024} KiB")
    data = load_json(text)
    if not isinstance(data, dict):
        raise MessageError("a frame must be a JSON object with a 'type'")
    kind = data.get("type")
    if kind == "load":
        return _load(data)
    if kind in _CONTROLS:
        return Control(kind)
    if kind == "speed":
        value = str(data.get("value"))
        if value not in SPEEDS:
            raise MessageError("speed must be one of 1, 4, 16 or 'instant'")
        return Speed(SPEEDS[value])
    if kind == "seek":
        t = data.get("t")
        if isinstance(t, bool) or not isinstance(t, (int, float)) or t != t or t < 0 or t > 1e7:
            raise MessageError("seek needs 't': a number of simulated seconds ≥ 0")
        return Seek(float(t))
    if kind == "validate":
        document = data.get("document")
        if not isinstance(document, dict):
            raise MessageError("validate needs a 'document' object")
        version = data.get("kubernetes_version")
        if version is not None and not isinstance(version, str):
            raise MessageError("'kubernetes_version' must be a string such as \"1.33\"")
        return Validate(document, version)
    raise MessageError("unknown frame type: use load, play, pause, step, restart, speed, seek or validate")


def _load(data: dict[str, Any]) -> Load:
    document = data.get("document")
    design_id = data.get("design")
    revision = data.get("revision")
    if (document is None) == (design_id is None):
        raise MessageError("load needs either 'document' (a design document) or 'design' (an id)")
    if document is not None and not isinstance(document, dict):
        raise MessageError("'document' must be a design document object")
    if design_id is not None and (not isinstance(design_id, str) or not 0 < len(design_id) <= 64):
        raise MessageError("'design' must be a design id")
    if revision is not None and (isinstance(revision, bool) or not isinstance(revision, int) or revision < 1):
        raise MessageError("'revision' must be a revision number ≥ 1")
    scenario = data.get("scenario", {"kind": "normal"})
    if isinstance(scenario, str):
        scenario = {"kind": scenario}
    if not isinstance(scenario, dict):
        raise MessageError('\'scenario\' must be an object such as {"kind": "init-failure"}')
    pod = data.get("pod")
    if pod is not None and not isinstance(pod, str):
        raise MessageError("'pod' must be a Pod id")
    autoplay = data.get("autoplay", True)
    if not isinstance(autoplay, bool):
        raise MessageError("'autoplay' must be true or false")
    return Load(document, design_id, revision, scenario, pod, autoplay)
