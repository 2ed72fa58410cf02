"""Target Kubernetes versions: 1.27 up to the newest one kubernetes-validate ships schemas for."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

MIN_VERSION: tuple[int, int] = (1, 27)

_STRICT_DIR = re.compile(r"^v(\d+)\.(\d+)\.(\d+)-local-strict$")
_VERSION = re.compile(r"^\s*v?(\d{1,4})\.(\d{1,4})(?:\.\d{1,6})?\s*$")


def _schema_root() -> Path:
    # find_spec locates the package without importing it (its import pulls in jsonschema & co).
    spec = find_spec("kubernetes_validate")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the kubernetes-validate package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "kubernetes-json-schema"


def _discover(root: Path) -> dict[tuple[int, int], Path]:
    found: dict[tuple[int, int], tuple[int, Path]] = {}
    for entry in root.iterdir():
        match = _STRICT_DIR.match(entry.name)
        if match is None or not entry.is_dir():
            continue
        minor = (int(match[1]), int(match[2]))
        patch = int(match[3])
        if minor >= MIN_VERSION and (minor not in found or patch > found[minor][0]):
            found[minor] = (patch, entry)
    if not found:
        raise RuntimeError(f"no strict Kubernetes schemas >= 1.27 found under {root}")
    return {minor: found[minor][1] for minor in sorted(found)}


_SCHEMA_DIRS = _discover(_schema_root())

SUPPORTED: tuple[tuple[int, int], ...] = tuple(_SCHEMA_DIRS)
SUPPORTED_VERSIONS: tuple[str, ...] = tuple(f"{a}.{b}" for a, b in SUPPORTED)
DEFAULT_VERSION: str = SUPPORTED_VERSIONS[-1]


def format_version(version: tuple[int, int]) -> str:
    """Render ``(1, 33)`` as ``"1.33"``."""
    return f"{version[0]}.{version[1]}"


def parse_version(text: object) -> tuple[int, int]:
    """Parse a supported target version such as ``"1.33"`` (``"v1.33"``, ``"1.33.2"`` too)."""
    if not isinstance(text, str):
        raise ValueError(f"a Kubernetes version must be a string like {DEFAULT_VERSION!r}")
    match = _VERSION.match(text)
    if match is None:
        raise ValueError(
            f"{text[:40]!r} is not a Kubernetes version: expected major.minor, "
            f"like {DEFAULT_VERSION!r}"
        )
    version = (int(match[1]), int(match[2]))
    if version not in _SCHEMA_DIRS:
        raise ValueError(
            f"Kubernetes {format_version(version)} is not supported: choose one of "
            f"{SUPPORTED_VERSIONS[0]} to {SUPPORTED_VERSIONS[-1]}"
        )
    return version


def schema_dir(version: tuple[int, int]) -> Path:
    """The folder of strict JSON schemas for a supported version."""
    try:
        return _SCHEMA_DIRS[version]
    except KeyError:
        raise ValueError(f"Kubernetes {version!r} is not supported") from None
