/** The React Flow canvas: wires store slices and drop/drag/connect handlers, nothing more. */

import {
  Background,
  type Connection,
  ConnectionMode,
  Controls,
  MiniMap,
  type OnSelectionChangeParams,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect } from "react";

import type { AppNode, MountEdge } from "../domain/graph-types";
import { PALETTE_MIME, decodePaletteItem } from "../domain/presets";
import { useImportFile } from "../hooks/use-import";
import { useEditor, useEditorApi, useEditorShallow } from "../store/editor-context";
import { edgeTypes } from "./edges/mount-edge";
import { EmptyState } from "./empty-state";
import { nodeTypes } from "./nodes";

const MINIMAP_COLOURS: Record<string, string> = { pod: "#e2e8f0", container: "#93c5fd", volume: "#a7f3d0" };

// Constant props: new objects on every render would make React Flow and the minimap redo work.
const DELETE_KEYS = ["Delete", "Backspace"];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: false };
const minimapColour = (n: AppNode) => MINIMAP_COLOURS[n.type ?? ""] ?? "#cbd5e1";

function isYamlFile(file: File): boolean {
  return /\.(ya?ml|json)$/i.test(file.name) || file.type.includes("yaml");
}

export function Canvas({ onOpenPatterns }: { onOpenPatterns: () => void }) {
  const store = useEditorApi();
  const { nodes, edges, onNodesChange, onEdgesChange } = useEditorShallow((s) => ({
    nodes: s.nodes,
    edges: s.edges,
    onNodesChange: s.onNodesChange,
    onEdgesChange: s.onEdgesChange,
  }));
  const empty = useEditor((s) => s.doc.pods.length === 0);
  const { screenToFlowPosition, fitView } = useReactFlow<AppNode, MountEdge>();
  const viewRequest = useEditor((s) => s.viewRequest);
  useEffect(() => {
    if (viewRequest === 0) return;
    // After React Flow has measured the new nodes.
    const timer = setTimeout(() => void fitView({ padding: 0.15, maxZoom: 1, duration: 150 }), 60);
    return () => clearTimeout(timer);
  }, [viewRequest, fitView]);
  const importFile = useImportFile();

  const onDragOver = useCallback((event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = event.dataTransfer.types.includes("Files") ? "copy" : "move";
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const file = Array.from(event.dataTransfer.files).find(isYamlFile);
      if (file) {
        void importFile(file);
        return;
      }
      if (event.dataTransfer.files.length) {
        store.getState().toast("warn", "Drop a .yaml, .yml or .json manifest file to import it.");
        return;
      }
      const item = decodePaletteItem(event.dataTransfer.getData(PALETTE_MIME));
      if (!item) return;
      store.getState().dropPaletteItem(item, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [store, screenToFlowPosition, importFile],
  );

  const onNodeDragStop = useCallback(
    (event: MouseEvent | TouchEvent | React.MouseEvent, node: AppNode) => {
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      if (!point) return;
      store.getState().nodeDragStop(node, screenToFlowPosition({ x: point.clientX, y: point.clientY }));
    },
    [store, screenToFlowPosition],
  );

  const onConnect = useCallback((c: Connection) => void store.getState().connect(c.source, c.target), [store]);
  const onDelete = useCallback(
    ({ nodes: n, edges: e }: { nodes: AppNode[]; edges: MountEdge[] }) =>
      store.getState().deleteElements([...n.map((x) => x.id), ...e.map((x) => x.id)]),
    [store],
  );
  const onSelectionChange = useCallback(
    ({ nodes: n, edges: e }: OnSelectionChangeParams<AppNode, MountEdge>) => {
      const id = n[0]?.id ?? e[0]?.id ?? null;
      if (store.getState().selection !== id) store.setState({ selection: id });
    },
    [store],
  );

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<AppNode, MountEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onDelete={onDelete}
        onSelectionChange={onSelectionChange}
        connectionMode={ConnectionMode.Strict}
        deleteKeyCode={DELETE_KEYS}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.1}
        maxZoom={1.5}
        elevateNodesOnSelect={false}
        proOptions={PRO_OPTIONS}
      >
        <Background gap={16} color="#d8dee9" />
        <Controls position="bottom-left" />
        <MiniMap pannable zoomable nodeColor={minimapColour} />
      </ReactFlow>
      {empty ? <EmptyState onOpenPatterns={onOpenPatterns} /> : null}
    </div>
  );
}
