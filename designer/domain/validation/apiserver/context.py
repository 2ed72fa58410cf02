"""State shared by the API-server rule modules while one Pod is validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from designer.domain.validation.findings import Finding


@dataclass(slots=True)
class Context:
    """What a rule needs besides the object it checks.

    ``spec`` is the Pod spec *after* the server's defaulting (section A.0); rules read it, never
    write it. ``out`` collects findings in the order the API server would report them.
    """

    version: tuple[int, int]
    template: bool
    spec: dict[str, Any]
    out: list[Finding] = field(default_factory=list)
    # Names of volumes that passed validation (A.0 step 4: broken volumes are left out, so mounts
    # of them also get NotFound), mapped to their volume object.
    volumes: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Filled while validate_pod walks the containers, so later pod-wide checks need not walk
    # them again; None when a rule runs on its own (it then looks for itself).
    mounted: set[str] | None = None     # volume names mounted or used as devices by containers
    app_names: set[str] | None = None   # names of the regular containers
    # (containerPort, protocol) -> where first declared, among the containers running together
    # (regular ones and sidecars), and the conflict warnings found so far.
    ports_seen: dict[tuple[int, str], tuple[str, int, int]] | None = None
    port_conflicts: list[Finding] | None = None

    def at_least(self, major: int, minor: int) -> bool:
        return self.version >= (major, minor)
