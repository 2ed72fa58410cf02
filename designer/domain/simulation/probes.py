"""Probes during startup and run (pod-rules.md B.3, B.4).

``startupProbe`` gates the kubelet's ``started`` flag (and, for a native sidecar, the next init
container); only then do readiness and liveness probes run. A probe passes once the container has
been up ``ready_after`` seconds, except for the sidecar the sidecar-startup-failure scenario
breaks. Failing startup probes kill the container, which then follows its restart rules.
"""

from __future__ import annotations

from designer.domain.simulation.engine import Box
from designer.domain.simulation.termination import TERMINATED, Termination, fmt_s


class Probes(Termination):
    """Startup, readiness and liveness probing."""

    def begin_probes(self, box: Box) -> None:
        """startContainer returned: run the startupProbe, or count as started right away."""
        startup = box.spec.startup
        if startup is not None:
            box.probe_count = 0
            first_probe = max(self.now, box.started_at + startup.initial_delay)
            self.at(first_probe, self._startup_probe, box, box.epoch)
        else:
            self.mark_started(box)

    def on_started(self, box: Box) -> None:
        """Hook: the container's ``started`` became true (overridden by the kubelet)."""

    def _healthy(self, box: Box) -> bool:
        if self.scenario.kind == "sidecar-startup-failure" and box is self.target:
            return False
        return self.now + 1e-9 >= box.started_at + box.ready_after

    def _startup_probe(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch or box.stopping:
            return
        probe = box.spec.startup
        assert probe is not None
        if self._healthy(box):
            self.emit(
                "probe-succeeded",
                box,
                f"{box.name}: startupProbe passed; liveness and readiness checks take over",
                probe="startup",
            )
            self.mark_started(box)
            return
        box.probe_count += 1
        fails, limit = box.probe_count, probe.failure_threshold
        blocking = box.spec.role == "sidecar" and not box.unblocked
        consequence = (
            "the kubelet kills and restarts it"
            if fails >= limit
            else "the next init container keeps waiting"
            if blocking
            else "liveness and readiness checks wait"
        )
        self.emit(
            "probe-failed",
            box,
            f"{box.name}: startupProbe failed ({fails}/{limit}); {consequence}",
            probe="startup",
            failures=fails,
            threshold=limit,
        )
        if fails >= limit:
            grace = probe.grace if probe.grace is not None else self.view.grace
            self.begin_stop(
                box, grace, ordered=False, why="its startupProbe failed", code=TERMINATED
            )
        else:
            self.at(self.now + probe.period, self._startup_probe, box, epoch)

    def mark_started(self, box: Box) -> None:
        """Started: readiness (or ready at once) and liveness checks begin."""
        box.started = True
        self.on_started(box)
        readiness = box.spec.readiness
        if readiness is not None:
            box.probe_count = 0
            first = max(self.now, box.started_at + readiness.initial_delay)
            self.at(first, self._readiness_probe, box, box.epoch)
        else:
            self.mark_ready(
                box, f"{box.name} is ready: without a readinessProbe, started means ready"
            )
        liveness = box.spec.liveness
        if liveness is not None:
            first = max(self.now, box.started_at + liveness.initial_delay)
            self.at(first, self._liveness_probe, box, box.epoch)

    def _readiness_probe(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch or box.stopping:
            return
        probe = box.spec.readiness
        assert probe is not None
        if not self._healthy(box):
            box.probe_count = 0
            self.emit(
                "probe-failed",
                box,
                f"{box.name}: readinessProbe failed; not ready yet, so Services send it no traffic",
                probe="readiness",
            )
        else:
            box.probe_count += 1
            if box.probe_count >= probe.success_threshold:
                self.emit(
                    "probe-succeeded", box, f"{box.name}: readinessProbe passed", probe="readiness"
                )
                self.mark_ready(box, f"{box.name} is ready")
                return
            self.emit(
                "probe-succeeded",
                box,
                f"{box.name}: readinessProbe passed ({box.probe_count}/"
                f"{probe.success_threshold} successes needed)",
                probe="readiness",
            )
        self.at(self.now + probe.period, self._readiness_probe, box, epoch)

    def _liveness_probe(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch or box.stopping:
            return
        probe = box.spec.liveness
        assert probe is not None
        self.emit(
            "probe-succeeded",
            box,
            f"{box.name}: livenessProbe passed; it repeats every {fmt_s(probe.period)} and "
            f"{probe.failure_threshold} failures in a row would restart the container",
            probe="liveness",
        )
