/** React Flow node and edge types of the editor: one data type per node kind. */

import type { Edge, Node } from "@xyflow/react";

import type { ContainerDoc, DesignDocument, MountDoc, PodDoc, VolumeDoc } from "./design";
import type { LaneBox } from "./layout";

/** A Pod without the lists that become child nodes and edges. */
export type PodShell = Omit<PodDoc, "containers" | "volumes" | "mounts">;

/** A mount whose volume does not exist: no edge can show it, so the Pod keeps it with its place. */
export type DanglingMount = { index: number; mount: MountDoc };

export type PodData = { pod: PodShell; dangling: DanglingMount[]; lanes: LaneBox[] };
export type ContainerData = { container: ContainerDoc; podId: string; order: number };
export type VolumeData = { volume: VolumeDoc; podId: string };
/** ``labelOffset``: where the label sits right of the card's handle, so a card's labels line up side by side. */
export type MountData = { mount: MountDoc; podId: string; labelOffset: number };

export type PodNode = Node<PodData, "pod">;
export type ContainerNode = Node<ContainerData, "container">;
export type VolumeNode = Node<VolumeData, "volume">;
export type AppNode = PodNode | ContainerNode | VolumeNode;
export type MountEdge = Edge<MountData, "mount">;

/** Everything of the document that is not drawn: version, extra documents, list header. */
export type DesignMeta = Omit<DesignDocument, "pods" | "layout">;

export type Graph = { nodes: AppNode[]; edges: MountEdge[]; meta: DesignMeta };

export function isPodNode(node: AppNode): node is PodNode {
  return node.type === "pod";
}
export function isContainerNode(node: AppNode): node is ContainerNode {
  return node.type === "container";
}
export function isVolumeNode(node: AppNode): node is VolumeNode {
  return node.type === "volume";
}
