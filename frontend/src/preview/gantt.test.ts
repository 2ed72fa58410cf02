import { describe, expect, it } from "vitest";

import { axisTicks, buildGantt, chartEnd } from "./gantt";
import { shopDeletion, warTomcatInitFailure, warTomcatNormal } from "./test-events";

const states = (lane: { segments: { state: string; start: number; end: number }[] } | undefined) =>
  lane?.segments.map((s) => [s.state, s.start, Math.round(s.end * 100) / 100]);

describe("buildGantt", () => {
  it("draws one lane per container with its states, init container first", () => {
    const gantt = buildGantt(warTomcatNormal, { order: ["tomcat", "copy-war"], duration: 10 });
    expect(gantt.duration).toBe(10);
    expect(gantt.end).toBe(chartEnd(10));
    expect(gantt.lanes.map((l) => l.name)).toEqual(["copy-war", "tomcat"]);
    const end = Math.round(gantt.end * 100) / 100;
    expect(states(gantt.lanes[0])).toEqual([
      ["pulling", 2, 4],
      ["created", 4, 4.5],
      ["running", 4.5, 7.5],
      ["completed", 7.5, end],
    ]);
    // tomcat waits until copy-war has completed; running and ready at 10 s: running lasts no time.
    expect(states(gantt.lanes[1])).toEqual([
      ["waiting", 2, 7.5],
      ["pulling", 7.5, 9.5],
      ["created", 9.5, 10],
      ["ready", 10, end],
    ]);
    expect(gantt.lanes[0]?.marks).toEqual([{ t: 7.5, kind: "exit", label: "exit 0", tone: "ok" }]);
  });

  it("marks the Pod's phases, conditions and sandbox", () => {
    const gantt = buildGantt(warTomcatNormal);
    expect(gantt.phases.map((p) => [p.phase, p.start])).toEqual([
      ["Pending", 0],
      ["Running", 10],
    ]);
    expect(gantt.sandbox).toEqual({ start: 2, end: gantt.end });
    expect(gantt.conditions.map((c) => [c.type, c.segments[0]?.start, c.segments[0]?.status])).toEqual([
      ["PodScheduled", 0.5, "True"],
      ["PodReadyToStartContainers", 2, "True"],
      ["Initialized", 7.5, "True"],
      ["ContainersReady", 10, "True"],
      ["Ready", 10, "True"],
    ]);
    expect(gantt.markers.map((m) => m.label)).toEqual([
      "Pending",
      "PodScheduled=True",
      "PodReadyToStartContainers=True",
      "Initialized=True",
      "Running",
      "ContainersReady=True",
      "Ready=True",
    ]);
    expect(gantt.podMarks.map((m) => m.label)).toEqual(["scheduled", "volumes", "sandbox"]);
  });

  it("shows crash-loop backoff segments that grow, with exits and restarts marked", () => {
    const gantt = buildGantt(warTomcatInitFailure);
    const war = gantt.lanes.find((l) => l.name === "copy-war");
    const backoffs = war?.segments.filter((s) => s.state === "crash-loop") ?? [];
    expect(backoffs.map((s) => [s.label, s.end - s.start])).toEqual([
      ["backoff 10s", 10],
      ["backoff 20s", 20],
      ["backoff 40s", 40],
      ["backoff 80s", 80],
      ["backoff 160s", 160],
      ["backoff 300s", gantt.end - 338.5],
    ]);
    expect(backoffs.every((s) => s.tone === "crash")).toBe(true);
    expect(war?.marks.filter((m) => m.kind === "exit").every((m) => m.label === "exit 1" && m.tone === "bad")).toBe(true);
    expect(gantt.conditions.find((c) => c.type === "Initialized")?.segments).toEqual([]);
  });

  it("closes the sandbox and the conditions when the Pod is deleted", () => {
    const gantt = buildGantt(shopDeletion);
    expect(gantt.lanes.map((l) => l.name)).toEqual(["migrate", "log", "app"]);
    expect(gantt.sandbox).toEqual({ start: 2, end: 19.5 });
    const ready = gantt.conditions.find((c) => c.type === "Ready")?.segments;
    expect(ready?.map((s) => [s.status, s.start])).toEqual([
      ["True", 13.5],
      ["False", 16.5],
    ]);
    const log = gantt.lanes.find((l) => l.name === "log");
    expect(log?.segments.at(-2)).toMatchObject({ state: "terminating", start: 15.5, end: 19.5 });
    expect(log?.marks.map((m) => m.kind)).toEqual(["sigterm", "exit"]);
    expect(gantt.podMarks.map((m) => m.kind)).toContain("pod-deleted");
  });

  it("keeps lanes for containers that never ran, and copes with no events", () => {
    const gantt = buildGantt([], { order: ["a", "b"] });
    expect(gantt.lanes.map((l) => [l.name, l.segments.length])).toEqual([
      ["a", 0],
      ["b", 0],
    ]);
    expect(gantt.end).toBe(1);
    expect(gantt.sandbox).toBeNull();
  });
});

describe("axisTicks", () => {
  it("picks a round step with at most ten ticks", () => {
    expect(axisTicks(10.6)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(axisTicks(4)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
    expect(axisTicks(358)).toEqual([0, 60, 120, 180, 240, 300]);
  });
});
