import { describe, expect, it } from "vitest";

import { deepEqual } from "./json";
import { podGeometry } from "./layout";
import { documentToGraph, graphToDocument, mountCounts, withLayout } from "./mapping";
import { setRole, updateContainer, updatePod } from "./ops";
import { twoPods, warTomcat } from "./test-fixtures";

describe("document → graph", () => {
  it("makes a group node per Pod with its containers and volumes as children", () => {
    const { nodes } = documentToGraph(warTomcat());
    expect(nodes.map((n) => [n.id, n.type, n.parentId])).toEqual([
      ["pod-1", "pod", undefined],
      ["c-war", "container", "pod-1"],
      ["c-tomcat", "container", "pod-1"],
      ["c-log", "container", "pod-1"],
      ["v-war", "volume", "pod-1"],
    ]);
  });

  it("keeps each container's role and numbers init containers and sidecars within their lane", () => {
    const { nodes } = documentToGraph(warTomcat());
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const war = byId.get("c-war");
    const log = byId.get("c-log");
    expect(war?.type === "container" && [war.data.container.role, war.data.order]).toEqual(["init", 1]);
    expect(log?.type === "container" && [log.data.container.role, log.data.order]).toEqual(["sidecar", 1]);
  });

  it("turns each mount with a volume into an edge from the volume to the container", () => {
    const { edges } = documentToGraph(warTomcat());
    expect(edges.map((e) => [e.id, e.source, e.target])).toEqual([
      ["m-1", "v-war", "c-war"],
      ["m-3", "v-war", "c-tomcat"],
    ]);
    expect(edges[1]?.data?.mount.spec).toEqual({ mountPath: "/usr/local/tomcat/webapps", readOnly: true });
  });

  it("keeps a dangling mount (no volume) on its Pod, with its place in the list", () => {
    const { nodes } = documentToGraph(warTomcat());
    const pod = nodes[0];
    expect(pod?.type === "pod" && pod.data.dangling.map((d) => [d.index, d.mount.id])).toEqual([[1, "m-2"]]);
  });

  it("lays out a Pod that has no layout: init lane above the app lane above the volumes", () => {
    const doc = { ...warTomcat(), layout: {} };
    const { nodes } = documentToGraph(doc);
    const y = (id: string) => nodes.find((n) => n.id === id)?.position.y ?? NaN;
    expect(y("c-war")).toBeLessThan(y("c-tomcat"));
    expect(y("c-tomcat")).toBeLessThan(y("c-log"));
    expect(y("c-log")).toBeLessThan(y("v-war"));
  });
});

describe("round trip", () => {
  it("document → graph → document is the identity, unknown fields and layout included", () => {
    const doc = warTomcat();
    const back = graphToDocument(documentToGraph(doc));
    expect(back).toEqual(doc);
    expect(deepEqual(back, doc)).toBe(true);
  });

  it("holds for several Pods once the layout is complete", () => {
    const doc = withLayout(twoPods()).doc;
    expect(graphToDocument(documentToGraph(doc))).toEqual(doc);
  });

  it("withLayout fills missing boxes and leaves a complete layout untouched", () => {
    const doc = warTomcat();
    expect(withLayout(doc).doc).toBe(doc);
    const laid = withLayout({ ...doc, layout: {} }).doc;
    expect(Object.keys(laid.layout).sort()).toEqual(["c-log", "c-tomcat", "c-war", "pod-1", "v-war"]);
  });

  it("reuses unchanged node objects so React skips them", () => {
    const doc = warTomcat();
    const first = documentToGraph(doc);
    const second = documentToGraph(doc, first);
    expect(second.nodes[1]).toBe(first.nodes[1]);
    expect(second.edges[0]).toBe(first.edges[0]);
  });
});

describe("structural sharing (an edit re-renders only what it touched)", () => {
  const rename = (doc: ReturnType<typeof twoPods>, id: string, name: string) =>
    updateContainer(doc, id, (c) => ({ ...c, spec: { ...c.spec, name } }));

  it("keeps every other node, the Pod nodes and the edge list itself when a container is renamed", () => {
    const doc = withLayout(twoPods()).doc;
    const first = documentToGraph(doc);
    const second = documentToGraph(rename(doc, "c-tomcat", "cat"), first);
    const changed = second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(["c-tomcat"]);
    expect(second.edges).toBe(first.edges);
    expect(second.nodes).not.toBe(first.nodes);
  });

  it("gives back the very same lists when nothing changed", () => {
    const doc = withLayout(twoPods()).doc;
    const first = documentToGraph(doc);
    const second = documentToGraph({ ...doc }, first);
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
  });

  it("still replaces a Pod node whose own fields changed", () => {
    const doc = withLayout(twoPods()).doc;
    const first = documentToGraph(doc);
    const second = documentToGraph(updatePod(doc, "pod-2", { metadata: { name: "store" } }), first);
    const pod = second.nodes.find((n) => n.id === "pod-2");
    expect(pod).not.toBe(first.nodes.find((n) => n.id === "pod-2"));
    expect(pod?.type === "pod" && pod.data.pod.metadata).toEqual({ name: "store" });
    expect(second.nodes.find((n) => n.id === "pod-1")).toBe(first.nodes.find((n) => n.id === "pod-1"));
  });

  it("caches a Pod's geometry by its lists, and recomputes it when a role changes", () => {
    const doc = twoPods();
    const pod = doc.pods[0];
    if (!pod) throw new Error("fixture has a pod");
    expect(podGeometry(pod)).toBe(podGeometry({ containers: pod.containers, volumes: pod.volumes }));
    const moved = setRole(doc, "c-log", "init").pods[0];
    if (!moved) throw new Error("still there");
    expect(podGeometry(moved)).not.toBe(podGeometry(pod));
    expect(podGeometry(moved).lanes.find((l) => l.lane === "init")?.count).toBe(2);
  });

  it("counts mounts per container once per edge list", () => {
    const { edges } = documentToGraph(warTomcat());
    const counts = mountCounts(edges);
    expect([...counts]).toEqual([
      ["c-war", 1],
      ["c-tomcat", 1],
    ]);
    expect(mountCounts(edges)).toBe(counts);
  });
});
