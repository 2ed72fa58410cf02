/** The editor's state: the design document (the truth), the graph drawn from it, history and UI state. */

import { type EdgeChange, type NodeChange, applyEdgeChanges, applyNodeChanges } from "@xyflow/react";
import { createStore } from "zustand/vanilla";

import { type DesignDocument, emptyDesign } from "../domain/design";
import { type Counts, type Finding, indexFindings, keepUnchanged } from "../domain/findings";
import type { AppNode, MountEdge, PodNode } from "../domain/graph-types";
import { deepEqual } from "../domain/json";
import { laneAt, podGeometry } from "../domain/layout";
import { withLayout } from "../domain/mapping";
import * as ops from "../domain/ops";
import type { PaletteItem } from "../domain/presets";
import type { Lane } from "../domain/roles";
import { type History, emptyHistory, record, redo, undo } from "./history";

export type ToastTone = "info" | "ok" | "warn" | "error";
export type Toast = { id: number; tone: ToastTone; text: string };
export type FocusRequest = { element: string; path: string; nonce: number };
export type ValidationStatus = "idle" | "pending" | "ok" | "error";
export type ExportKind = "Pod" | "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "CronJob";
export const EXPORT_KINDS: readonly ExportKind[] = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"];

/** Which library design the canvas holds (id null: not saved yet). */
export type DesignInfo = { id: string | null; name: string; revision: number | null };

export type EditorState = {
  doc: DesignDocument;
  savedDoc: DesignDocument;
  nodes: AppNode[];
  edges: MountEdge[];
  history: History;
  selection: string | null;
  findings: Finding[];
  findingIndex: Map<string, Counts>;
  validation: { status: ValidationStatus; message: string };
  focus: FocusRequest | null;
  toasts: Toast[];
  design: DesignInfo;
  exportKind: ExportKind;
  panel: "inspector" | "yaml";
  /** Bumped when the canvas should fit everything into view (a new Pod, an import, a load). */
  viewRequest: number;
};

export type ApplyOptions = { coalesce?: string; select?: string | null; fit?: boolean };
export type Point = { x: number; y: number };

export type EditorActions = {
  onNodesChange: (changes: NodeChange<AppNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<MountEdge>[]) => void;
  apply: (fn: (doc: DesignDocument) => DesignDocument, options?: ApplyOptions) => void;
  run: (result: ops.OpResult, options?: { fit?: boolean }) => boolean;
  dropPaletteItem: (item: PaletteItem, at: Point) => void;
  addFromPalette: (item: PaletteItem) => void;
  nodeDragStop: (node: AppNode, pointer: Point) => void;
  connect: (source: string, target: string) => boolean;
  deleteElements: (ids: readonly string[]) => void;
  undo: () => void;
  redo: () => void;
  select: (id: string | null) => void;
  focusFinding: (finding: Finding) => void;
  setFindings: (findings: Finding[]) => void;
  setValidation: (status: ValidationStatus, message?: string) => void;
  toast: (tone: ToastTone, text: string) => void;
  dismissToast: (id: number) => void;
  loadDocument: (doc: DesignDocument, design: DesignInfo, options?: { saved?: DesignDocument }) => void;
  markSaved: (design: DesignInfo, doc?: DesignDocument) => void;
  setExportKind: (kind: ExportKind) => void;
  setPanel: (panel: EditorState["panel"]) => void;
};

export type EditorStore = EditorState & EditorActions;

let toastSeq = 0;

function podAt(nodes: readonly AppNode[], point: Point): PodNode | undefined {
  for (let i = nodes.length - 1; i >= 0; i -= 1) {
    const node = nodes[i];
    if (!node || node.type !== "pod") continue;
    const { x, y } = node.position;
    if (point.x >= x && point.x <= x + (node.width ?? 0) && point.y >= y && point.y <= y + (node.height ?? 0)) return node;
  }
  return undefined;
}

function laneIn(doc: DesignDocument, pod: PodNode, point: Point): Lane | null {
  const podDoc = doc.pods.find((p) => p.id === pod.id);
  if (!podDoc) return null;
  const lane = laneAt(podGeometry(podDoc), point.y - pod.position.y);
  return lane === "volumes" ? null : lane;
}

export function createEditorStore(initial: DesignDocument = emptyDesign()) {
  const first = withLayout(initial);
  return createStore<EditorStore>()((set, get) => {
    const commit = (next: DesignDocument, options: ApplyOptions = {}) => {
      const state = get();
      if (next === state.doc) return;
      const laid = withLayout(next, state);
      const selection = options.select !== undefined ? options.select : state.selection;
      if (deepEqual(laid.doc, state.doc)) {
        // Nothing changed (a card dropped back in its slot): only the picture snaps back.
        set({ nodes: selectOnly(laid.graph.nodes, selection), edges: selectOnlyEdges(laid.graph.edges, selection), selection });
        return;
      }
      set({
        doc: laid.doc,
        nodes: selectOnly(laid.graph.nodes, selection),
        edges: selectOnlyEdges(laid.graph.edges, selection),
        history: record(state.history, state.doc, options.coalesce, Date.now()),
        selection,
        findingIndex: reindex(state, laid.doc),
        viewRequest: options.fit ? state.viewRequest + 1 : state.viewRequest,
      });
    };

    const refuse = (reason: string) => get().toast("warn", reason);

    return {
      doc: first.doc,
      savedDoc: first.doc,
      nodes: first.graph.nodes,
      edges: first.graph.edges,
      history: emptyHistory(),
      selection: null,
      findings: [],
      findingIndex: new Map(),
      validation: { status: "idle", message: "" },
      focus: null,
      toasts: [],
      design: { id: null, name: "Untitled design", revision: null },
      exportKind: "Pod",
      panel: "inspector",
      viewRequest: 0,

      onNodesChange: (changes) => {
        // Removal goes through deleteElements (onDelete) so that it is one undoable edit.
        const kept = changes.filter((c) => c.type !== "remove");
        if (kept.length) set({ nodes: applyNodeChanges(kept, get().nodes) });
      },
      onEdgesChange: (changes) => {
        const kept = changes.filter((c) => c.type !== "remove");
        if (kept.length) set({ edges: applyEdgeChanges(kept, get().edges) });
      },
      apply: (fn, options) => commit(fn(get().doc), options),
      run: (result, options = {}) => {
        if (!result.ok) {
          refuse(result.reason);
          return false;
        }
        commit(result.doc, { select: result.id, ...options });
        if (result.note) get().toast("info", result.note);
        return true;
      },
      dropPaletteItem: (item, at) => {
        const { doc, nodes, run } = get();
        if (item.kind === "pod") {
          run(ops.addPod(doc, { x: Math.round(at.x - 40), y: Math.round(at.y - 30) }), { fit: true });
          return;
        }
        const pod = podAt(nodes, at);
        if (!pod) {
          refuse(
            doc.pods.length
              ? `Drop the ${item.kind} inside a Pod (the dashed box), not on the empty canvas.`
              : `Drag a Pod onto the canvas first, then drop the ${item.kind} inside it.`,
          );
          return;
        }
        if (item.kind === "container") run(ops.addContainer(doc, pod.id, item.preset, laneIn(doc, pod, at)));
        else run(ops.addVolume(doc, pod.id, item.preset));
      },
      addFromPalette: (item) => {
        const { doc, selection, run } = get();
        if (item.kind === "pod") {
          run(ops.addPod(doc), { fit: true });
          return;
        }
        const pod = (selection ? ops.podOf(doc, selection) : undefined) ?? doc.pods[doc.pods.length - 1];
        if (!pod) {
          refuse(`Add a Pod first: the ${item.kind} goes inside one.`);
          return;
        }
        if (item.kind === "container") run(ops.addContainer(doc, pod.id, item.preset));
        else run(ops.addVolume(doc, pod.id, item.preset));
      },
      nodeDragStop: (node, pointer) => {
        const { doc, nodes } = get();
        if (node.type === "pod") {
          const placed = nodes.find((n) => n.id === node.id);
          if (placed) commit(ops.setPodPosition(doc, node.id, placed.position.x, placed.position.y));
          return;
        }
        const pod = podAt(
          nodes.filter((n) => n.id !== node.id),
          pointer,
        );
        if (!pod) {
          // Put it back where it was: the document never moved.
          set({ nodes: withLayout(doc, get()).graph.nodes });
          refuse(`Drop ${node.type === "container" ? "containers" : "volumes"} inside a Pod. Nothing was changed.`);
          return;
        }
        const result =
          node.type === "container"
            ? ops.moveContainer(doc, node.id, pod.id, laneIn(doc, pod, pointer), pointer.x - pod.position.x)
            : ops.moveVolume(doc, node.id, pod.id);
        if (!get().run(result)) set({ nodes: withLayout(doc, get()).graph.nodes });
      },
      connect: (source, target) => {
        const { doc, nodes } = get();
        const kinds = new Map(nodes.map((n) => [n.id, n.type]));
        const [volume, container] = kinds.get(source) === "volume" ? [source, target] : [target, source];
        if (kinds.get(volume) !== "volume" || kinds.get(container) !== "container") {
          refuse("Connect a volume to a container: the edge is a volume mount.");
          return false;
        }
        return get().run(ops.connectMount(doc, volume, container));
      },
      deleteElements: (ids) => {
        if (!ids.length) return;
        const { selection } = get();
        commit(ops.deleteElements(get().doc, new Set(ids)), { select: selection && ids.includes(selection) ? null : selection });
      },
      undo: () => {
        const state = get();
        const step = undo(state.history, state.doc);
        if (step) restore(step.doc, step.history);
      },
      redo: () => {
        const state = get();
        const step = redo(state.history, state.doc);
        if (step) restore(step.doc, step.history);
      },
      select: (id) => {
        const { nodes, edges } = get();
        set({ selection: id, nodes: selectOnly(nodes, id), edges: selectOnlyEdges(edges, id) });
      },
      focusFinding: (finding) => {
        if (finding.element) get().select(finding.element);
        set({ panel: "inspector", focus: { element: finding.element ?? "", path: finding.path, nonce: Date.now() } });
      },
      setFindings: (findings) =>
        set({
          findings,
          findingIndex: keepUnchanged(get().findingIndex, indexFindings(findings, get().doc)),
          validation: { status: "ok", message: "" },
        }),
      setValidation: (status, message = "") => set({ validation: { status, message } }),
      toast: (tone, text) => {
        toastSeq += 1;
        set({ toasts: [...get().toasts.slice(-3), { id: toastSeq, tone, text }] });
      },
      dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
      loadDocument: (doc, design, options = {}) => {
        const laid = withLayout(doc);
        set({
          doc: laid.doc,
          savedDoc: options.saved ?? laid.doc,
          nodes: laid.graph.nodes,
          edges: laid.graph.edges,
          history: emptyHistory(),
          selection: null,
          findings: [],
          findingIndex: new Map(),
          design,
          viewRequest: get().viewRequest + 1,
        });
      },
      markSaved: (design, doc) => set({ design, savedDoc: doc ?? get().doc }),
      setExportKind: (exportKind) => set({ exportKind }),
      setPanel: (panel) => set({ panel }),
    };

    function restore(doc: DesignDocument, history: History) {
      const state = get();
      const laid = withLayout(doc, state);
      const ids = new Set([...laid.graph.nodes.map((n) => n.id), ...laid.graph.edges.map((e) => e.id)]);
      const selection = state.selection && ids.has(state.selection) ? state.selection : null;
      set({
        doc: laid.doc,
        nodes: selectOnly(laid.graph.nodes, selection),
        edges: selectOnlyEdges(laid.graph.edges, selection),
        history,
        selection,
        findingIndex: reindex(state, laid.doc),
      });
    }
  });
}

/** The list with only ``id`` selected; the very same list when that is already so. */
function selectOnlyIn<T extends { id: string; selected?: boolean }>(items: T[], id: string | null): T[] {
  let out: T[] | null = null;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i] as T;
    if (!!item.selected === (item.id === id)) continue;
    out ??= items.slice();
    out[i] = { ...item, selected: item.id === id };
  }
  return out ?? items;
}

function selectOnly(nodes: AppNode[], id: string | null): AppNode[] {
  return selectOnlyIn(nodes, id);
}

function selectOnlyEdges(edges: MountEdge[], id: string | null): MountEdge[] {
  return selectOnlyIn(edges, id);
}

/** Whether every mount belongs to the same container in both documents (then the finding index holds). */
function sameMountOwners(a: DesignDocument, b: DesignDocument): boolean {
  if (a.pods.length !== b.pods.length) return false;
  for (let i = 0; i < a.pods.length; i += 1) {
    const x = a.pods[i]?.mounts;
    const y = b.pods[i]?.mounts;
    if (x === y) continue;
    if (!x || !y || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j += 1) if (x[j]?.id !== y[j]?.id || x[j]?.container !== y[j]?.container) return false;
  }
  return true;
}

/** The finding index for ``doc``: the current one while mounts still belong to the same containers. */
function reindex(state: EditorState, doc: DesignDocument): Map<string, Counts> {
  if (sameMountOwners(state.doc, doc)) return state.findingIndex;
  return keepUnchanged(state.findingIndex, indexFindings(state.findings, doc));
}

export type EditorStoreApi = ReturnType<typeof createEditorStore>;
