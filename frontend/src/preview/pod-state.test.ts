import { describe, expect, it } from "vitest";

import { positionAt } from "./model";
import { containerBadge, podStateAt } from "./pod-state";
import { shopDeletion, warTomcatDeletion, warTomcatInitFailure, warTomcatNormal } from "./test-events";

const at = (events = warTomcatNormal, t: number) => podStateAt(events, positionAt(events, t), t);

describe("podStateAt", () => {
  it("shows nothing before the first event: no sandbox, no volumes, no container state", () => {
    const view = podStateAt(warTomcatNormal, 0, 0);
    expect(view).toMatchObject({ phase: "", sandbox: "none", volumes: "none", scheduled: false, current: null });
    expect(view.containers).toEqual({});
    expect(containerBadge(view.containers["tomcat"], 0)).toMatchObject({ state: "not-started", label: "not started" });
  });

  it("brings the Pod up in the kubelet's order: scheduled, volumes, sandbox, then the init container", () => {
    expect(at(undefined, 0.5)).toMatchObject({ phase: "Pending", scheduled: true, volumes: "none", sandbox: "none" });
    expect(at(undefined, 1)).toMatchObject({ volumes: "mounted", sandbox: "none" });
    const sandbox = at(undefined, 2);
    expect(sandbox.sandbox).toBe("up");
    expect(sandbox.conditions.PodReadyToStartContainers).toMatchObject({ status: "True", t: 2 });
    expect(sandbox.containers["tomcat"]?.state).toBe("waiting");
    expect(sandbox.containers["tomcat"]?.message).toBe("tomcat waits: init container copy-war has not completed");
    expect(sandbox.containers["copy-war"]?.state).toBe("pulling");
  });

  it("has the init container complete before tomcat starts, then tomcat ready and the Pod Ready", () => {
    const init = at(undefined, 5);
    expect(init.containers["copy-war"]?.state).toBe("running");
    expect(init.containers["tomcat"]?.state).toBe("waiting");
    const done = at(undefined, 7.5);
    expect(done.containers["copy-war"]).toMatchObject({ state: "completed", exitCode: 0 });
    expect(done.conditions.Initialized?.status).toBe("True");
    expect(done.containers["tomcat"]?.state).toBe("pulling");
    const ready = at(undefined, 10);
    expect(ready.containers["tomcat"]).toMatchObject({ state: "ready", ready: true });
    expect(ready.phase).toBe("Running");
    expect(ready.conditions.Ready?.status).toBe("True");
    expect(ready.current?.message).toBe("The Pod is Ready: Services now send it traffic");
  });

  it("is a function of the position: going back gives the earlier state again", () => {
    const late = podStateAt(warTomcatNormal, warTomcatNormal.length, 10);
    const early = podStateAt(warTomcatNormal, positionAt(warTomcatNormal, 5), 5);
    expect(late.containers["tomcat"]?.state).toBe("ready");
    expect(early.containers["tomcat"]?.state).toBe("waiting");
    expect(early).toEqual(at(undefined, 5));
  });

  it("stepping stops between events that share a time (tomcat running before it is ready)", () => {
    const started = warTomcatNormal.findIndex((e) => e.kind === "container-started" && e.container === "tomcat");
    const view = podStateAt(warTomcatNormal, started + 1, 10);
    expect(view.containers["tomcat"]?.state).toBe("running");
    expect(view.conditions.Ready).toBeUndefined();
  });

  it("counts the crash-loop backoff down from restart_at as the clock runs", () => {
    const view = at(warTomcatInitFailure, 15);
    const war = view.containers["copy-war"];
    expect(war).toMatchObject({ state: "crash-loop", backoff: 10, restartAt: 21, exitCode: 1, restarts: 2 });
    expect(containerBadge(war, 15)).toMatchObject({ label: "crash loop", detail: "restart in 6s", countdown: 6, progress: 0.4 });
    expect(containerBadge(war, 20.2)).toMatchObject({ detail: "restart in 1s", countdown: 1 });
    expect(view.containers["tomcat"]?.state).toBe("waiting");
    expect(view.conditions.Initialized).toBeUndefined();
  });

  it("shows the exit code of a failed attempt, and a fresh attempt after the backoff", () => {
    expect(containerBadge(at(warTomcatInitFailure, 7.5).containers["copy-war"], 7.5).state).not.toBe("crash-loop");
    const failed = podStateAt(warTomcatInitFailure, warTomcatInitFailure.findIndex((e) => e.kind === "container-exited") + 1, 7.5);
    expect(containerBadge(failed.containers["copy-war"], 7.5)).toMatchObject({ state: "terminated", label: "terminated", detail: "exit 1" });
    expect(at(warTomcatInitFailure, 21.6).containers["copy-war"]?.state).toBe("running");
  });

  it("terminates on deletion: SIGTERM with a countdown to SIGKILL, then the sandbox goes", () => {
    const stopping = at(warTomcatDeletion, 12.5);
    expect(stopping.deleting).toBe(true);
    expect(containerBadge(stopping.containers["tomcat"], 12.5)).toMatchObject({ state: "terminating", detail: "kill in 30s" });
    const gone = at(warTomcatDeletion, 13);
    expect(gone).toMatchObject({ sandbox: "removed", volumes: "unmounted", phase: "Succeeded", deleted: true });
    expect(gone.conditions.Ready).toMatchObject({ status: "False", reason: "ContainersNotReady" });
  });

  it("shows a sidecar's preStop hook while it waits for the app containers to exit", () => {
    const view = at(shopDeletion, 17);
    expect(containerBadge(view.containers["log"], 17)).toMatchObject({ state: "terminating", detail: "preStop hook" });
    expect(containerBadge(view.containers["app"], 17)).toMatchObject({ state: "completed", detail: "exit 0" });
    expect(containerBadge(at(shopDeletion, 12.6).containers["app"], 12.6)).toMatchObject({ state: "starting", detail: "postStart hook" });
  });

  it("ignores positions past the end and unknown states", () => {
    const view = podStateAt(warTomcatNormal, 999, 10);
    expect(view.position).toBe(warTomcatNormal.length);
    const odd = podStateAt([{ t: 0, seq: 0, kind: "mystery", container: "x", state: "dancing", message: "?", data: {} }], 1, 0);
    expect(odd.containers["x"]?.state).toBe("waiting");
  });
});
