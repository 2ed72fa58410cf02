import { describe, expect, it } from "vitest";

import { emptyDesign } from "../domain/design";
import type { Finding } from "../domain/findings";
import type { AppNode } from "../domain/graph-types";
import { twoPods, warTomcat } from "../domain/test-fixtures";
import { createEditorStore } from "./editor-store";

function podBox(store: ReturnType<typeof createEditorStore>, id: string) {
  const node = store.getState().nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return { x: node.position.x, y: node.position.y, w: node.width ?? 0, h: node.height ?? 0 };
}

describe("editor store", () => {
  it("starts empty, and a Pod dropped from the palette becomes a selected group node", () => {
    const store = createEditorStore();
    expect(store.getState().nodes).toEqual([]);
    store.getState().dropPaletteItem({ kind: "pod" }, { x: 100, y: 100 });
    const { doc, nodes, selection } = store.getState();
    expect(doc.pods).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ id: "pod-1", type: "pod", selected: true });
    expect(selection).toBe("pod-1");
  });

  it("drops a container into the lane under the pointer, with that lane's role", () => {
    const store = createEditorStore();
    store.getState().dropPaletteItem({ kind: "pod" }, { x: 40, y: 30 });
    const pod = podBox(store, "pod-1");
    const initLane = store.getState().nodes[0];
    const lanes = initLane?.type === "pod" ? initLane.data.lanes : [];
    const init = lanes.find((l) => l.lane === "init");
    store.getState().dropPaletteItem({ kind: "container", preset: "tomcat" }, { x: pod.x + 50, y: pod.y + (init?.y ?? 0) + 20 });
    expect(store.getState().doc.pods[0]?.containers.map((c) => c.role)).toEqual(["init"]);
  });

  it("refuses a container dropped outside any Pod: a hint, and nothing created", () => {
    const store = createEditorStore();
    store.getState().dropPaletteItem({ kind: "container", preset: "nginx" }, { x: 10, y: 10 });
    expect(store.getState().doc.pods).toEqual([]);
    expect(store.getState().toasts.at(-1)?.text).toMatch(/Drag a Pod onto the canvas first/);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it("puts a dragged container back when it is dropped outside every Pod", () => {
    const store = createEditorStore(warTomcat());
    const before = store.getState().doc;
    const node = store.getState().nodes.find((n) => n.id === "c-tomcat") as AppNode;
    store.getState().onNodesChange([{ id: "c-tomcat", type: "position", position: { x: 5000, y: 5000 }, dragging: false }]);
    store.getState().nodeDragStop(node, { x: 99999, y: 99999 });
    expect(store.getState().doc).toBe(before);
    expect(store.getState().nodes.find((n) => n.id === "c-tomcat")?.position).toEqual(before.layout["c-tomcat"] && { x: before.layout["c-tomcat"].x, y: before.layout["c-tomcat"].y });
    expect(store.getState().toasts.at(-1)?.tone).toBe("warn");
  });

  it("moves a container dragged onto another Pod", () => {
    const store = createEditorStore(twoPods());
    const target = podBox(store, "pod-2");
    const node = store.getState().nodes.find((n) => n.id === "c-log") as AppNode;
    store.getState().nodeDragStop(node, { x: target.x + 30, y: target.y + target.h - 10 });
    expect(store.getState().doc.pods[1]?.containers.map((c) => c.id)).toEqual(["c-redis", "c-log"]);
    expect(store.getState().nodes.find((n) => n.id === "c-log")?.parentId).toBe("pod-2");
  });

  it("connects a volume to a container as a mount edge, and refuses across Pods", () => {
    const store = createEditorStore(twoPods());
    expect(store.getState().connect("v-data", "c-redis")).toBe(true);
    expect(store.getState().edges.map((e) => [e.source, e.target])).toContainEqual(["v-data", "c-redis"]);
    expect(store.getState().connect("c-tomcat", "v-data")).toBe(false);
    expect(store.getState().toasts.at(-1)?.text).toMatch(/only mount volumes of its own Pod/);
  });

  it("undoes and redoes edits, and one typing burst is one undo step", () => {
    const store = createEditorStore(warTomcat());
    const original = store.getState().doc;
    const setImage = (image: string) =>
      store.getState().apply(
        (doc) => ({
          ...doc,
          pods: doc.pods.map((p) => ({ ...p, containers: p.containers.map((c) => (c.id === "c-tomcat" ? { ...c, spec: { ...c.spec, image } } : c)) })),
        }),
        { coalesce: "c-tomcat:image" },
      );
    setImage("t");
    setImage("to");
    setImage("tom");
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc).toBe(original);
    store.getState().redo();
    expect(store.getState().doc.pods[0]?.containers[1]?.spec["image"]).toBe("tom");
  });

  it("deletes the selection in one undoable step and brings it back on undo", () => {
    const store = createEditorStore(warTomcat());
    store.getState().select("c-war");
    store.getState().deleteElements(["c-war"]);
    expect(store.getState().edges.map((e) => e.id)).toEqual(["m-3"]);
    expect(store.getState().selection).toBeNull();
    store.getState().undo();
    expect(store.getState().doc.pods[0]?.containers.map((c) => c.id)).toEqual(["c-war", "c-tomcat", "c-log"]);
  });

  it("pins findings on elements and focuses the field a finding points at", () => {
    const store = createEditorStore(warTomcat());
    const finding: Finding = {
      severity: "error",
      rule: "api.validateVolumeMounts.duplicate-path",
      path: "spec.containers[0].volumeMounts[1].mountPath",
      message: "Invalid value",
      hint: "",
      type: "Invalid value",
      element: "m-3",
      layer: "api",
    };
    store.getState().setFindings([finding]);
    expect(store.getState().findingIndex.get("c-tomcat")?.error).toBe(1);
    store.getState().focusFinding(finding);
    expect(store.getState().selection).toBe("m-3");
    expect(store.getState().edges.find((e) => e.id === "m-3")?.selected).toBe(true);
    expect(store.getState().focus?.path).toBe(finding.path);
  });

  it("hands React Flow the same lists when a selection or an edit leaves them unchanged", () => {
    const store = createEditorStore(twoPods());
    store.getState().select("c-tomcat");
    const { nodes, edges } = store.getState();
    store.getState().select("c-tomcat");
    expect(store.getState().nodes).toBe(nodes);
    expect(store.getState().edges).toBe(edges);
    store.getState().apply((doc) => ({
      ...doc,
      pods: doc.pods.map((p) => ({ ...p, containers: p.containers.map((c) => (c.id === "c-redis" ? { ...c, spec: { ...c.spec, name: "cache" } } : c)) })),
    }));
    const after = store.getState();
    expect(after.nodes.filter((n, i) => n !== nodes[i]).map((n) => n.id)).toEqual(["c-redis"]);
    expect(after.nodes.find((n) => n.id === "c-tomcat")?.selected).toBe(true);
    expect(after.edges).toBe(edges);
  });

  it("keeps the finding index while mounts stay with their containers, and reindexes when one moves", () => {
    const store = createEditorStore(twoPods());
    const onMount: Finding = { severity: "warning", rule: "r", path: "p", message: "m", hint: "", type: "", element: "m-3", layer: "lint" };
    store.getState().setFindings([onMount]);
    const index = store.getState().findingIndex;
    expect(index.get("c-tomcat")?.warning).toBe(1);
    store.getState().apply((doc) => ({ ...doc, kubernetes_version: "1.34" }));
    expect(store.getState().findingIndex).toBe(index);
    store.getState().apply((doc) => ({
      ...doc,
      pods: doc.pods.map((p) => ({ ...p, mounts: p.mounts.map((m) => (m.id === "m-3" ? { ...m, container: "c-log" } : m)) })),
    }));
    expect(store.getState().findingIndex.get("c-tomcat")).toBeUndefined();
    expect(store.getState().findingIndex.get("c-log")?.warning).toBe(1);
  });

  it("knows unsaved changes: the document differs from the saved one until it is saved", () => {
    const store = createEditorStore(emptyDesign());
    store.getState().addFromPalette({ kind: "pod" });
    expect(store.getState().doc).not.toBe(store.getState().savedDoc);
    store.getState().markSaved({ id: "abc", name: "x", revision: 1 });
    expect(store.getState().doc).toBe(store.getState().savedDoc);
  });
});
