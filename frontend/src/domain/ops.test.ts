import { describe, expect, it } from "vitest";

import { emptyDesign } from "./design";
import { twoPods, warTomcat } from "./test-fixtures";
import * as ops from "./ops";

function ok(result: ops.OpResult): ops.Done {
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe("adding", () => {
  it("adds Pods with fresh ids and names", () => {
    const a = ok(ops.addPod(emptyDesign()));
    const b = ok(ops.addPod(a.doc));
    expect(b.doc.pods.map((p) => [p.id, p.metadata["name"]])).toEqual([
      ["pod-1", "my-pod"],
      ["pod-2", "my-pod-2"],
    ]);
  });

  it("gives a container the preset's role, or the role of the lane it was dropped in", () => {
    const pod = ok(ops.addPod(emptyDesign()));
    const tomcat = ok(ops.addContainer(pod.doc, "pod-1", "tomcat"));
    const init = ok(ops.addContainer(tomcat.doc, "pod-1", "tomcat", "init"));
    const roles = init.doc.pods[0]?.containers.map((c) => [c.spec["name"], c.role]);
    expect(roles).toEqual([
      ["tomcat", "main"],
      ["tomcat-2", "init"],
    ]);
  });

  it("refuses a container without a Pod", () => {
    expect(ops.addContainer(emptyDesign(), "nope", "nginx")).toEqual({ ok: false, reason: "Drop containers onto a Pod." });
  });
});

describe("mounts", () => {
  it("connects a volume to a container of the same Pod with a unique default path", () => {
    const doc = twoPods();
    const done = ok(ops.connectMount(doc, "v-data", "c-redis"));
    expect(done.doc.pods[1]?.mounts).toEqual([{ id: done.id, container: "c-redis", volume: "v-data", spec: { mountPath: "/mnt/data" } }]);
  });

  it("refuses to mount a volume of one Pod into a container of another, and says why", () => {
    const result = ops.connectMount(twoPods(), "v-data", "c-tomcat");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/belongs to Pod "cache".*"tomcat" to Pod "web"/);
  });

  it("refuses a second mount of the same volume into the same container", () => {
    const result = ops.connectMount(warTomcat(), "v-war", "c-war");
    expect(result.ok).toBe(false);
  });

  it("mounts secrets and config read-only by default", () => {
    const pod = ok(ops.addPod(emptyDesign()));
    const c = ok(ops.addContainer(pod.doc, "pod-1", "nginx"));
    const v = ok(ops.addVolume(c.doc, "pod-1", "secret"));
    const m = ok(ops.connectMount(v.doc, v.id, c.id));
    expect(m.doc.pods[0]?.mounts[0]?.spec).toEqual({ mountPath: "/mnt/secret", readOnly: true });
  });
});

describe("roles and order", () => {
  it("reorders within a lane and leaves the other lanes alone", () => {
    let doc = warTomcat();
    doc = ok(ops.addContainer(doc, "pod-1", "busybox")).doc; // a second init container
    const names = (d: typeof doc) => d.pods[0]?.containers.filter((c) => c.role === "init").map((c) => c.spec["name"]);
    expect(names(doc)).toEqual(["war", "busybox"]);
    const earlier = ops.reorderContainer(doc, "c-busybox", -1);
    expect(names(earlier)).toEqual(["busybox", "war"]);
    expect(earlier.pods[0]?.containers.find((c) => c.role === "main")?.id).toBe("c-tomcat");
    expect(ops.reorderContainer(earlier, "c-busybox", -1)).toEqual(earlier);
  });

  it("changes a role and forgets native when the new role cannot have it", () => {
    const doc = ops.setRole(warTomcat(), "c-log", "main");
    expect(doc.pods[0]?.containers.find((c) => c.id === "c-log")).toMatchObject({ role: "main", native: null });
  });

  it("moves a dropped container into the lane's role at the slot under the pointer", () => {
    let doc = warTomcat();
    doc = ok(ops.addContainer(doc, "pod-1", "busybox")).doc;
    const moved = ok(ops.moveContainer(doc, "c-tomcat", "pod-1", "init", 10));
    const init = moved.doc.pods[0]?.containers.filter((c) => c.role === "init").map((c) => c.id);
    expect(init).toEqual(["c-tomcat", "c-war", "c-busybox"]);
  });

  it("moves a container to another Pod and drops its mounts there, saying so", () => {
    const moved = ok(ops.moveContainer(twoPods(), "c-tomcat", "pod-2", "app", null));
    expect(moved.doc.pods[0]?.containers.map((c) => c.id)).toEqual(["c-war", "c-log"]);
    expect(moved.doc.pods[0]?.mounts.map((m) => m.id)).toEqual(["m-1"]);
    expect(moved.doc.pods[1]?.containers.map((c) => c.id)).toEqual(["c-redis", "c-tomcat"]);
    expect(moved.note).toMatch(/2 mount/);
  });
});

describe("deleting", () => {
  it("takes mounts along with their container or volume", () => {
    const doc = ops.deleteElements(warTomcat(), new Set(["v-war"]));
    expect(doc.pods[0]?.volumes).toEqual([]);
    expect(doc.pods[0]?.mounts.map((m) => m.id)).toEqual(["m-2"]);
  });

  it("takes a Pod's children and their layout along with it", () => {
    const doc = ops.deleteElements(twoPods(), new Set(["pod-1"]));
    expect(doc.pods.map((p) => p.id)).toEqual(["pod-2"]);
    expect(Object.keys(doc.layout)).toEqual(["pod-2"]);
  });
});
