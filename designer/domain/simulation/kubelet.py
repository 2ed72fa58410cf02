"""Startup as the kubelet does it (pod-rules.md B.1-B.4, B.6 restart rules).

Scheduling, admission and volumes, the sandbox, then ``SyncPod`` step 6 (one init container at a
time, in spec order; a native sidecar lets the next one go once *started*) and step 7 (app
containers started one by one in spec order, each ``startContainer`` call returning only after
its postStart hook). Probes, exits, restarts with crash-loop backoff.
"""

from __future__ import annotations

from designer.domain.simulation.engine import Box
from designer.domain.simulation.probes import Probes
from designer.domain.simulation.termination import fmt_s

SCHEDULE_AT = 0.5  # scheduler binds the Pod
VOLUMES_AFTER = 0.5  # admission + volume mounts
SANDBOX_AFTER = 1.0  # RunPodSandbox + CNI
BACKOFF_BASE = 10.0
BACKOFF_CAP = 300.0
BACKOFF_RESET = 600.0  # a container that ran this long cleanly starts the backoff over
READY_DELAY = 2.0  # deletion scenario: how long the Pod shows Ready before it is deleted


def backoff_delay(step: int) -> float:
    """Crash-loop delay before restart number step+1: 0, 10, 20, 40 ... capped at 300 (B.2)."""
    if step <= 0:
        return 0.0
    if step > 6:
        return BACKOFF_CAP
    return min(BACKOFF_BASE * float(2 ** (step - 1)), BACKOFF_CAP)


class Kubelet(Probes):
    """The full engine: startup here, termination inherited."""

    def boot(self) -> None:
        """Queue the first steps of the scenario."""
        self.at(0.0, self._created)
        delete_at = self.scenario.delete_at
        if delete_at is not None:
            self.delete_scheduled = True
            self.at(delete_at, self.delete)

    # -- B.1 steps 0-2 -----------------------------------------------------------------------

    def _created(self) -> None:
        self.set_phase("Pending", "The API server stored the Pod; it is Pending until it runs")
        gates = self.view.scheduling_gates
        if gates:
            self.emit(
                "scheduling-gated",
                None,
                f"The scheduler skips the Pod while schedulingGates ({', '.join(gates)}) remain; "
                "a controller has to remove them",
                gates=list(gates),
            )
            self.set_condition(
                "PodScheduled",
                "False",
                "PodScheduled is False: the Pod is held back by its scheduling gates",
                "SchedulingGated",
            )
            return
        self.at(SCHEDULE_AT, self._scheduled)

    def _scheduled(self) -> None:
        self.bound = True
        self.emit("pod-scheduled", None, "The scheduler bound the Pod to a node")
        self.set_condition("PodScheduled", "True", "PodScheduled is True: the Pod has a node")
        deadline = self.view.active_deadline
        if deadline is not None:
            self.at(self.now + deadline, self._deadline_exceeded, deadline)
        self.at(self.now + VOLUMES_AFTER, self._volumes)

    def _volumes(self) -> None:
        count = self.view.volumes
        self.emit(
            "volumes-mounted",
            None,
            f"The kubelet admitted the Pod and mounted its {count} volume(s); containers wait "
            "until storage and network are ready",
            volumes=count,
        )
        if not self.inits:
            self.set_condition(
                "Initialized",
                "True",
                "Initialized is True right away: there are no init containers",
            )
        self.at(self.now + SANDBOX_AFTER, self._sandbox)

    def _sandbox(self) -> None:
        network = (
            "it shares the node's network (hostNetwork)"
            if self.view.host_network
            else "it holds the network namespace and CNI gave the Pod its IP"
        )
        self.emit("sandbox-created", None, f"Pod sandbox (pause container) created: {network}")
        if self.version >= (1, 29):
            self.set_condition(
                "PodReadyToStartContainers",
                "True",
                "PodReadyToStartContainers is True: sandbox and network are ready",
            )
        self._announce_waiting()
        self._next_init()

    def _announce_waiting(self) -> None:
        inits = self.inits
        for i, box in enumerate(inits[1:], 1):
            prev = inits[i - 1]
            verb = "started" if prev.spec.role == "sidecar" else "completed"
            self.emit(
                "container-waiting",
                box,
                f"{box.name} waits: {prev.spec.label} has not {verb} yet (init containers go "
                "one at a time, in order)",
            )
        for i, box in enumerate(self.apps):
            if inits:
                first = inits[0].spec.label
                text = (
                    f"{box.name} waits: {first} has not completed"
                    if len(inits) == 1 and inits[0].spec.role == "init"
                    else f"{box.name} waits: app containers start only after all {len(inits)} "
                    f"init containers have completed (sidecars: started); {first} goes first"
                )
            elif i:
                text = (
                    f"{box.name} waits: the kubelet starts app containers one at a time, in spec "
                    "order"
                )
            else:
                continue
            self.emit("container-waiting", box, text)

    # -- B.1 steps 3-4: init sequence, then app containers ------------------------------------

    def _next_init(self) -> None:
        if self.terminating:
            return
        i = self.init_index
        if i < len(self.inits):
            box = self.inits[i]
            if i == 0:
                why = f"init container 1 of {len(self.inits)}"
            else:
                prev = self.inits[i - 1]
                done = "has started" if prev.spec.role == "sidecar" else "completed"
                why = f"init container {i + 1} of {len(self.inits)}; {prev.name} {done}"
            self._start(box, why)
            return
        if self.inits:
            self.set_condition(
                "Initialized",
                "True",
                "Initialized is True: every init container completed and every sidecar started",
            )
        self._next_app()

    def _init_done(self, box: Box) -> None:
        if self.init_index < len(self.inits) and self.inits[self.init_index] is box:
            self.init_index += 1
            self._next_init()

    def _next_app(self) -> None:
        if self.terminating or self.app_index >= len(self.apps):
            return
        box = self.apps[self.app_index]
        self.app_index += 1
        if self.app_index == 1:
            why = "all init containers are done" if self.inits else "no init containers"
        else:
            why = f"the kubelet finished starting {self.apps[self.app_index - 2].name}"
        self._start(box, why)

    # -- startContainer: pull, create, start, postStart ---------------------------------------

    def _start(self, box: Box, why: str) -> None:
        if self.terminating:
            return
        if not box.pulled and box.pull > 0:
            self.emit(
                "image-pulling",
                box,
                f"{box.name} starts ({why}): pulling image {box.spec.image}",
                "pulling",
                seconds=box.pull,
            )
            self.at(self.now + box.pull, self._pulled, box, box.epoch, why)
        else:
            self._create(box, box.epoch, why)

    def _pulled(self, box: Box, epoch: int, why: str) -> None:
        if epoch != box.epoch:
            return
        box.pulled = True
        self.emit("image-pulled", box, f"{box.name}: image {box.spec.image} is on the node")
        self._create(box, epoch, "")

    def _create(self, box: Box, epoch: int, why: str) -> None:
        box.pulled = True
        detail = f" ({why})" if why else ""
        self.emit(
            "container-created",
            box,
            f"{box.name}: container created by the runtime{detail}",
            "created",
        )
        self.at(self.now + box.start, self._process_started, box, epoch)

    def _process_started(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch or self.terminating:
            return
        box.running = True
        box.started_at = self.now
        spec = box.spec
        if spec.downgraded:
            text = (
                f"{box.name} started as a plain init container: Kubernetes "
                f"{self.version[0]}.{self.version[1]} drops restartPolicy: Always (native "
                "sidecars need 1.29), so the next container waits for it to exit"
            )
        elif box.post_start is not None:
            text = f"{box.name}: process started; its postStart hook runs and the kubelet waits"
        else:
            text = f"{box.name} is running"
        self.emit(
            "container-started",
            box,
            text,
            "starting" if box.post_start is not None else "running",
            restart_count=box.restarts,
        )
        hook = box.post_start or 0.0
        if box.post_start is not None:
            nxt = self.apps[self.app_index] if self.app_index < len(self.apps) else None
            if spec.role == "app" and not box.ever_ran and nxt is not None:
                self.emit(
                    "container-waiting",
                    nxt,
                    f"{nxt.name} waits: the kubelet starts app containers one at a time and "
                    f"{box.name}'s postStart hook is still running",
                )
            self.at(self.now + hook, self._post_start_done, box, epoch)
        run = box.run
        if run is not None:
            self.at(self.now + max(run, hook), self._run_over, box, epoch)
        if box.post_start is None:
            self._returned(box)

    def _post_start_done(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch or box.stopping:
            return
        self.emit(
            "post-start-done",
            box,
            f"{box.name}: postStart hook finished; it counts as running",
            "running",
        )
        self._returned(box)

    def _returned(self, box: Box) -> None:
        """startContainer returned: the next app container may start; probes begin."""
        first = not box.ever_ran
        box.ever_ran = True
        role = box.spec.role
        if role == "app" and first:
            self.apps_never_started -= 1
            if self.apps_never_started == 0:
                self.set_phase("Running", "Pod Running: every app container has started (getPhase)")
            self._next_app()
        if role != "init":
            self.begin_probes(box)

    # -- exits and restarts (B.2, B.3, B.6) --------------------------------------------------

    def _run_over(self, box: Box, epoch: int) -> None:
        if epoch != box.epoch or box.stopping:
            return
        code = box.exit_code
        if self.scenario.kind == "init-failure" and box is self.target:
            wanted = self.scenario.attempts_until_success
            box.failures += 1
            failing = wanted is None or box.failures <= wanted
            code = (code or 1) if failing else 0
        text = (
            f"{box.name} finished successfully (exit code 0)"
            if code == 0
            else f"{box.name} failed with exit code {code}"
        )
        self.exited(box, code, text)

    def after_exit(self, box: Box, code: int) -> None:
        """Apply the restart rules to a container that exited on its own or was killed."""
        role = box.spec.role
        policy = self.view.restart_policy
        if role == "init":
            if code == 0:
                box.done = True
                self._init_done(box)
            elif policy == "Never":
                box.done = True
                self.shutdown(
                    self.view.grace, "init-failed", f"{box.name} failed and restartPolicy is Never"
                )
            else:
                self._restart(box, f"restartPolicy {policy} retries a failed init container")
        elif role == "sidecar":
            self._restart(box, "sidecars restart whatever the Pod's restartPolicy")
        elif policy == "Always" or (policy == "OnFailure" and code != 0):
            self._restart(box, f"restartPolicy {policy}")
        else:
            box.done = True
            if all(b.done for b in self.apps):
                self.emit(
                    "termination-started",
                    None,
                    f"Every app container has finished and restartPolicy is {policy}: the "
                    "kubelet stops the sidecars, last-defined first",
                )
                self.shutdown(self.view.grace, "job", "the app containers have finished")

    def _restart(self, box: Box, why: str) -> None:
        if self.now - box.started_at >= BACKOFF_RESET:
            box.backoff_step = 0
        delay = backoff_delay(box.backoff_step)
        box.backoff_step += 1
        box.restarts += 1
        if delay:
            status = (
                "CrashLoopBackOff"
                if self.init_index >= len(self.inits)
                else "Init:CrashLoopBackOff"
            )
            text = (
                f"{box.name}: {status}, next restart in {fmt_s(delay)} ({why}; the delay doubles "
                f"from 10s up to {fmt_s(BACKOFF_CAP)})"
            )
        else:
            text = f"{box.name} restarts right away ({why}; the first restart is immediate)"
        self.emit(
            "container-restarting",
            box,
            text,
            "crash-loop" if delay else "waiting",
            backoff=delay,
            restart_count=box.restarts,
            restart_at=round(self.now + delay, 3),
        )
        self.at(self.now + delay, self._restart_due, box, box.epoch)

    def on_started(self, box: Box) -> None:
        """A native sidecar that is started lets the next init container go (B.3)."""
        if box.spec.role == "sidecar" and not box.unblocked:
            box.unblocked = True
            self._init_done(box)

    def _restart_due(self, box: Box, epoch: int) -> None:
        if epoch == box.epoch:
            self._start(box, f"restart #{box.restarts}")

    # -- Pod-level triggers ------------------------------------------------------------------

    def on_containers_ready(self) -> None:
        """Deletion scenario without delete_at: delete shortly after the Pod became ready."""
        if self.scenario.kind == "deletion" and not self.delete_scheduled:
            self.delete_scheduled = True
            self.at(self.now + READY_DELAY, self.delete)

    def on_idle(self) -> bool:
        """Deletion scenario whose Pod never got ready: delete once nothing else happens."""
        if self.scenario.kind == "deletion" and not self.delete_scheduled:
            self.delete_scheduled = True
            self.at(self.now + READY_DELAY, self.delete)
            return True
        return False

    def _deadline_exceeded(self, seconds: float) -> None:
        if self.terminating or self.completed:
            return
        self.emit(
            "deadline-exceeded",
            None,
            f"activeDeadlineSeconds ({fmt_s(seconds)}) reached: the kubelet fails the Pod and "
            "stops its containers",
        )
        self.shutdown(self.view.grace, "deadline", "activeDeadlineSeconds was exceeded")
