"""Find the hashed files of the Vite build through its manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENTRY = "src/main.tsx"


@dataclass(frozen=True)
class Assets:
    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    preloads: tuple[str, ...]


def _manifest_path() -> Path:
    return Path(settings.FRONTEND_DIST) / ".vite" / "manifest.json"


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> dict[str, dict]:
    return json.loads(path.read_text())


def entry_assets(entry: str = ENTRY) -> Assets:
    """Static paths (relative to STATIC_URL) of an entry's script, its CSS and its imported chunks."""
    path = _manifest_path()
    if not path.exists():
        raise ImproperlyConfigured(
            f"The frontend is not built ({path} is missing): run 'make build' (or 'make run')."
        )
    manifest = _load(path, path.stat().st_mtime)
    if entry not in manifest:
        raise ImproperlyConfigured(f"{entry} is not in the Vite manifest {path}.")
    chunk = manifest[entry]
    styles: list[str] = list(chunk.get("css", []))
    preloads: list[str] = []
    seen: set[str] = set()
    stack = list(chunk.get("imports", []))
    while stack:
        key = stack.pop()
        if key in seen or key not in manifest:
            continue
        seen.add(key)
        imported = manifest[key]
        preloads.append(imported["file"])
        styles.extend(imported.get("css", []))
        stack.extend(imported.get("imports", []))
    return Assets(
        scripts=(chunk["file"],), styles=tuple(dict.fromkeys(styles)), preloads=tuple(preloads)
    )
