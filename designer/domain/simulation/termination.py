"""Stopping containers and Pods (pod-rules.md B.5, B.6).

Per container this follows the kubelet's ``killContainer``: run preStop (bounded by the grace
period), then, for sidecars during Pod shutdown, wait for their turn (every app container gone,
then sidecars in reverse order of definition), then SIGTERM with whatever grace is left but never
less than 2 s, then SIGKILL.
"""

from __future__ import annotations

from designer.domain.simulation.engine import Box, Core

MIN_GRACE = 2.0  # kubelet minimumGracePeriodInSeconds: the one-off extension after the deadline
KILLED = 137  # 128 + SIGKILL
TERMINATED = 143  # 128 + SIGTERM: a process that dies of the signal instead of handling it


def fmt_s(seconds: float) -> str:
    return f"{seconds:g}s"


class Termination(Core):
    """Container kills, Pod shutdown (deletion, Job completion, failure) and its completion."""

    # -- one container -----------------------------------------------------------------------

    def begin_stop(
        self, box: Box, grace: float, *, ordered: bool, why: str, code: int | None = None
    ) -> None:
        """Start killing a running container: preStop first, then (its turn and) SIGTERM.

        ``code`` is the exit code if it exits after SIGTERM (default: its normal exit code).
        """
        box.stopping = True
        box.term_code = box.exit_code if code is None else code
        box.stop_deadline = self.now + grace
        if box.pre_stop is not None and grace > 0:
            hook = min(box.pre_stop, grace)
            if box.spec.role == "sidecar" and ordered:
                text = (
                    f"{box.name}: preStop hook runs now ({why}); sidecars get SIGTERM only "
                    "after the app containers have exited"
                )
            else:
                text = f"{box.name}: preStop hook runs ({why}); SIGTERM follows when it returns"
            self.emit("pre-stop", box, text, "terminating", seconds=hook, grace=grace)
            self.at(
                self.now + hook, self._pre_stop_done, box, box.epoch, box.pre_stop > grace, ordered
            )
        else:
            box.state = "terminating"
            self._pre_stop_done(box, box.epoch, False, ordered, hook=False)

    def _pre_stop_done(
        self, box: Box, epoch: int, overran: bool, ordered: bool, *, hook: bool = True
    ) -> None:
        if epoch != box.epoch:
            return
        if hook:
            text = (
                f"{box.name}: preStop hook still running when the grace period ran out; the "
                f"kubelet moves on and allows a one-off {fmt_s(MIN_GRACE)} more"
                if overran
                else f"{box.name}: preStop hook finished"
            )
            self.emit("pre-stop-done", box, text, overran=overran)
        if ordered and not self._my_turn(box):
            box.awaiting_turn = True
            self.emit(
                "container-waiting",
                box,
                f"{box.name} keeps running: sidecars are stopped after every app container has "
                "exited, the last-defined sidecar first",
                "terminating",
            )
            self.at(max(box.stop_deadline, self.now), self._turn_timeout, box, epoch)
            return
        self._term(box, epoch, "")

    def _turn_timeout(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch or not box.awaiting_turn:
            return
        self._term(
            box,
            epoch,
            "the grace period ran out before its turn, so the remaining sidecars are signalled "
            "together; ",
        )

    def _term(self, box: Box, epoch: int, prefix: str) -> None:
        box.awaiting_turn = False
        left = max(box.stop_deadline - self.now, MIN_GRACE)
        self.emit(
            "sigterm",
            box,
            f"{box.name}: {prefix}SIGTERM sent to its main process; it has {fmt_s(left)} to exit "
            "before SIGKILL",
            "terminating",
            grace_left=round(left, 3),
        )
        if box.stop <= left:
            self.at(self.now + box.stop, self._graceful_exit, box, epoch)
        else:
            self.at(self.now + left, self._sigkill, box, epoch)

    def _graceful_exit(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch:
            return
        self.exited(box, box.term_code, f"{box.name} shut down after SIGTERM")

    def _sigkill(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch:
            return
        self.emit(
            "sigkill",
            box,
            f"{box.name} did not exit in time: the kubelet sends SIGKILL",
            "terminating",
        )
        self.exited(box, KILLED, f"{box.name} was killed (exit code {KILLED})")

    def _my_turn(self, box: Box) -> bool:
        if any(b.running for b in self.apps) or any(b.running for b in self.regular_inits):
            return False
        later = self.sidecars[self.sidecars.index(box) + 1 :] if box in self.sidecars else []
        return not any(s.running for s in later)

    def exited(self, box: Box, code: int, message: str) -> None:
        """Bookkeeping shared by every exit; then restart policy or shutdown progress."""
        box.epoch += 1
        box.running = False
        box.started = False
        box.stopping = False
        box.awaiting_turn = False
        box.last_exit = code
        self.emit(
            "container-exited",
            box,
            message,
            "completed" if code == 0 else "terminated",
            exit_code=code,
            restart_count=box.restarts,
            ran=round(self.now - box.started_at, 3),
        )
        self.mark_unready(box)
        if self.terminating:
            self._check_turns()
            self._check_complete()
        else:
            self.after_exit(box, code)

    def after_exit(self, box: Box, code: int) -> None:
        """Restart policy (overridden by the kubelet)."""

    # -- the Pod -----------------------------------------------------------------------------

    def delete(self) -> None:
        """kubectl delete: deletionTimestamp + grace period, then B.5."""
        if self.finished or self.deleting:
            return
        self.deleting = True
        grace = self.scenario.grace_period
        if grace is None:
            grace = self.view.grace
        self.emit(
            "deletion-requested",
            None,
            f"Pod deleted: the API server sets deletionTimestamp with a {fmt_s(grace)} grace "
            "period and Service endpoints are marked terminating, so no new traffic arrives",
            grace=grace,
        )
        if not self.bound or self.completed:
            text = (
                "The Pod never reached a node, so the API server removes it at once"
                if not self.bound
                else "The Pod had already finished; the API server removes it"
            )
            self.emit("pod-deleted", None, text)
            self.finished = True
            return
        if not self.terminating:
            self.shutdown(grace, "deleted", "the Pod is being deleted")

    def shutdown(self, grace: float, reason: str, why: str) -> None:
        """Stop every container of the Pod (app containers together, then sidecars in reverse)."""
        if self.terminating:
            return
        self.terminating = True
        self.shutdown_reason = reason
        for box in self.apps + self.regular_inits + self.sidecars:
            if box.running:
                if not box.stopping:
                    self.begin_stop(box, grace, ordered=box.spec.role == "sidecar", why=why)
            elif box.state in ("pulling", "created", "crash-loop") or (
                box.state == "waiting" and box.restarts
            ):
                box.epoch += 1
                again = " again" if box.ever_ran else ""
                self.emit(
                    "container-waiting",
                    box,
                    f"{box.name} will not be started{again}: {why}",
                    "terminated" if box.ever_ran else "waiting",
                )
        self._check_turns()
        self._check_complete()

    def _check_turns(self) -> None:
        if any(b.running for b in self.apps) or any(b.running for b in self.regular_inits):
            return
        for sidecar in reversed(self.sidecars):
            if sidecar.running:
                if sidecar.awaiting_turn:
                    self._term(sidecar, sidecar.epoch, "every app container has exited, so ")
                return

    def _check_complete(self) -> None:
        if self.completed or any(b.running for b in self.boxes):
            return
        self.completed = True
        self.emit(
            "sandbox-removed",
            None,
            "All containers have stopped: the kubelet removes the pause container and frees the "
            "Pod IP",
        )
        self._terminal_phase()
        if self.deleting:
            self.emit(
                "pod-deleted",
                None,
                "The kubelet confirmed the shutdown and the Pod object is removed from the API",
            )
        self.finished = True

    def _terminal_phase(self) -> None:
        reason = self.shutdown_reason
        clean = all(b.ever_ran and b.last_exit == 0 for b in self.apps)
        if reason == "init-failed":
            self.set_phase(
                "Failed",
                "Pod Failed: an init container failed and restartPolicy is Never",
                "InitContainerFailed",
            )
        elif reason == "deadline":
            self.set_phase(
                "Failed",
                "Pod Failed: activeDeadlineSeconds was exceeded",
                "DeadlineExceeded",
            )
        elif reason == "deleted" and self.version < (1, 27):
            return  # before 1.27 the kubelet did not set a terminal phase before deletion
        elif clean:
            self.set_phase(
                "Succeeded",
                "Pod Succeeded: every app container exited with code 0 (sidecars do not count)",
            )
        else:
            self.set_phase(
                "Failed",
                "Pod Failed: an app container exited non-zero or never ran (sidecars do not count)",
            )
        if self.conditions.get("ContainersReady") == "True":
            self.set_condition("ContainersReady", "False", "The Pod completed", "PodCompleted")
            self.set_condition("Ready", "False", "The Pod completed", "PodCompleted")
