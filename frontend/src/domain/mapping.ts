/** Design document ↔ React Flow graph. Pure: the store and the tests both use it. */

import type { DesignDocument, LayoutBox, MountDoc, PodDoc } from "./design";
import type { JsonObject } from "./json";
import type { AppNode, ContainerNode, DesignMeta, Graph, MountEdge, PodNode, VolumeNode } from "./graph-types";
import { nextPodPosition, podGeometry } from "./layout";
import { laneOrder } from "./roles";

export const EDGE_Z = 1000;

function num(value: number | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function place(box: LayoutBox | undefined, fallback: { x: number; y: number } | undefined): { x: number; y: number } {
  if (box && num(box.x) && num(box.y)) return { x: box.x, y: box.y };
  return fallback ?? { x: 0, y: 0 };
}

function samePosition(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x === b.x && a.y === b.y;
}

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k));
}

/** Same values by identity (arrays also by content, objects one level down: a Pod's shell). */
function shallowSame(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (!sameKeys(a, b)) return false;
  for (const k in a) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || JSON.stringify(x) !== JSON.stringify(y)) return false;
    } else if (typeof x === "object" && x !== null && typeof y === "object" && y !== null) {
      const ox = x as Record<string, unknown>;
      const oy = y as Record<string, unknown>;
      if (!sameKeys(ox, oy)) return false;
      for (const j in ox) if (ox[j] !== oy[j]) return false;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Keep what React Flow owns (selection, measured size) from the previous node, and reuse the very
 * same object when nothing changed so React skips re-rendering it.
 */
function carry<N extends AppNode>(next: N, previous: Map<string, AppNode>): N {
  const prev = previous.get(next.id);
  if (!prev || prev.type !== next.type) return next;
  if (
    prev.parentId === next.parentId &&
    prev.width === next.width &&
    prev.height === next.height &&
    samePosition(prev.position, next.position) &&
    shallowSame(prev.data as Record<string, unknown>, next.data as Record<string, unknown>)
  ) {
    return prev as N;
  }
  return { ...next, selected: prev.selected, measured: prev.measured };
}

function podNodes(doc: DesignDocument, pod: PodDoc, index: number, previous: Map<string, AppNode>): AppNode[] {
  const geometry = podGeometry(pod);
  const box = doc.layout[pod.id];
  const { containers: _c, volumes: _v, mounts, ...shell } = pod;
  const volumeIds = new Set(pod.volumes.map((v) => v.id));
  const dangling = mounts.flatMap((mount, i) =>
    mount.volume === null || !volumeIds.has(mount.volume) ? [{ index: i, mount }] : [],
  );
  const podNode: PodNode = {
    id: pod.id,
    type: "pod",
    position: box && num(box.x) && num(box.y) ? { x: box.x, y: box.y } : nextPodPosition(doc, index),
    width: Math.max(box?.width ?? 0, geometry.width),
    height: Math.max(box?.height ?? 0, geometry.height),
    data: { pod: shell, dangling, lanes: geometry.lanes },
    dragHandle: ".pod-drag-handle",
  };
  const order = laneOrder(pod.containers);
  const out: AppNode[] = [carry(podNode, previous)];
  for (const container of pod.containers) {
    const node: ContainerNode = {
      id: container.id,
      type: "container",
      parentId: pod.id,
      position: place(doc.layout[container.id], geometry.slots.get(container.id)),
      data: { container, podId: pod.id, order: order.get(container.id) ?? 1 },
    };
    out.push(carry(node, previous));
  }
  for (const volume of pod.volumes) {
    const node: VolumeNode = {
      id: volume.id,
      type: "volume",
      parentId: pod.id,
      position: place(doc.layout[volume.id], geometry.slots.get(volume.id)),
      data: { volume, podId: pod.id },
    };
    out.push(carry(node, previous));
  }
  return out;
}

function mountEdges(pod: PodDoc, previous: Map<string, MountEdge>): MountEdge[] {
  const volumeIds = new Set(pod.volumes.map((v) => v.id));
  const offsets = new Map<string, number>();
  return pod.mounts.flatMap((mount): MountEdge[] => {
    if (mount.volume === null || !volumeIds.has(mount.volume)) return [];
    const labelOffset = offsets.get(mount.container) ?? 0;
    offsets.set(mount.container, labelOffset + labelWidth(mountLabel(mount.spec)) + 6);
    const prev = previous.get(mount.id);
    if (prev && prev.data?.mount === mount && prev.data.labelOffset === labelOffset && prev.source === mount.volume && prev.target === mount.container) {
      return [prev];
    }
    return [
      {
        id: mount.id,
        type: "mount",
        source: mount.volume,
        target: mount.container,
        data: { mount, podId: pod.id, labelOffset },
        selected: prev?.selected,
        // Above the cards: a mount edge often crosses another lane on its way to the volume row.
        zIndex: EDGE_Z,
      },
    ];
  });
}

const countsByEdges = new WeakMap<readonly MountEdge[], Map<string, number>>();

/** Mount edges per target container, counted once per edge list (not once per card and store update). */
export function mountCounts(edges: readonly MountEdge[]): Map<string, number> {
  let counts = countsByEdges.get(edges);
  if (!counts) {
    counts = new Map();
    for (const e of edges) counts.set(e.target, (counts.get(e.target) ?? 0) + 1);
    countsByEdges.set(edges, counts);
  }
  return counts;
}

/** The text on a mount edge: its path, and whether the container may write. */
export function mountLabel(spec: JsonObject): string {
  const path = typeof spec["mountPath"] === "string" && spec["mountPath"] ? spec["mountPath"] : "(no path)";
  return `${path} · ${spec["readOnly"] === true ? "ro" : "rw"}`;
}

export const LABEL_MAX_WIDTH = 230;

/** Width of a label in 11 px monospace, capped (the label ellipsises beyond). */
export function labelWidth(text: string): number {
  return Math.min(LABEL_MAX_WIDTH, Math.ceil(text.length * 6.7) + 12);
}

export function designMeta(doc: DesignDocument): DesignMeta {
  const { pods: _p, layout: _l, ...meta } = doc;
  return meta;
}

/** The graph of a document; ``previous`` carries selection and measured sizes over by id. */
export function documentToGraph(
  doc: DesignDocument,
  previous: { nodes: readonly AppNode[]; edges: readonly MountEdge[] } = { nodes: [], edges: [] },
): Graph {
  const prevNodes = new Map(previous.nodes.map((n) => [n.id, n]));
  const prevEdges = new Map(previous.edges.map((e) => [e.id, e]));
  const nodes = doc.pods.flatMap((pod, i) => podNodes(doc, pod, i, prevNodes));
  const edges = doc.pods.flatMap((pod) => mountEdges(pod, prevEdges));
  return { nodes: sameItems(nodes, previous.nodes), edges: sameItems(edges, previous.edges), meta: designMeta(doc) };
}

/** ``previous`` itself when ``next`` holds the very same items in the same order (React Flow then has nothing to adopt). */
function sameItems<T>(next: T[], previous: readonly T[]): T[] {
  if (next.length !== previous.length) return next;
  for (let i = 0; i < next.length; i += 1) if (next[i] !== previous[i]) return next;
  return previous as T[];
}

/** ``layout`` as the nodes show it: Pods with their size, children with their place in the Pod. */
export function layoutFromNodes(nodes: readonly AppNode[]): Record<string, LayoutBox> {
  const layout: Record<string, LayoutBox> = {};
  for (const node of nodes) {
    layout[node.id] =
      node.type === "pod"
        ? { x: node.position.x, y: node.position.y, width: node.width ?? 0, height: node.height ?? 0 }
        : { x: node.position.x, y: node.position.y };
  }
  return layout;
}

/** The document of a graph: node order is document order, positions become ``layout``. */
export function graphToDocument(graph: Graph): DesignDocument {
  const pods: PodDoc[] = [];
  const byPod = new Map<string, PodDoc>();
  for (const node of graph.nodes) {
    if (node.type !== "pod") continue;
    const pod: PodDoc = { ...node.data.pod, containers: [], volumes: [], mounts: [] };
    pods.push(pod);
    byPod.set(node.id, pod);
  }
  for (const node of graph.nodes) {
    if (node.type === "pod") continue;
    const pod = byPod.get(node.parentId ?? "");
    if (!pod) continue;
    if (node.type === "container") pod.containers.push(node.data.container);
    else pod.volumes.push(node.data.volume);
  }
  for (const edge of graph.edges) {
    const mount = edge.data?.mount;
    if (mount) byPod.get(edge.data?.podId ?? "")?.mounts.push(mount);
  }
  for (const node of graph.nodes) {
    if (node.type !== "pod") continue;
    const pod = byPod.get(node.id);
    if (!pod) continue;
    for (const { index, mount } of node.data.dangling) insertAt(pod.mounts, index, mount);
  }
  return { ...graph.meta, pods, layout: layoutFromNodes(graph.nodes) };
}

function sameBox(a: LayoutBox | undefined, b: LayoutBox): boolean {
  return !!a && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/**
 * Lay the document out as the canvas draws it: every element gets its ``layout`` box, so what is
 * saved or exported reproduces the picture. Returns the graph too, to spare a second mapping.
 */
export function withLayout(
  doc: DesignDocument,
  previous?: { nodes: readonly AppNode[]; edges: readonly MountEdge[] },
): { doc: DesignDocument; graph: Graph } {
  const graph = documentToGraph(doc, previous);
  const fresh = layoutFromNodes(graph.nodes);
  const ids = Object.keys(fresh);
  const same = ids.length === Object.keys(doc.layout).length && ids.every((id) => sameBox(doc.layout[id], fresh[id] as LayoutBox));
  return { doc: same ? doc : { ...doc, layout: fresh }, graph };
}

function insertAt(list: MountDoc[], index: number, mount: MountDoc): void {
  list.splice(Math.min(index, list.length), 0, mount);
}
