/** Deterministic layout: Pods in rows, and inside a Pod an init lane, an app lane, a helper lane and a volume row. */

import type { ContainerDoc, DesignDocument, LayoutBox, PodDoc } from "./design";
import { LANES, type Lane, laneOf } from "./roles";

export const CARD_W = 232;
export const CARD_H = 100;
export const VOLUME_W = 184;
export const VOLUME_H = 56;
export const POD_PAD = 28;
export const POD_HEADER = 82;
export const LANE_LABEL = 34;
export const LANE_EMPTY = 30;
export const LANE_GAP = 12;
export const CARD_GAP = 20;
export const POD_MIN_W = 600;
export const POD_GAP = 80;
export const PODS_PER_ROW = 3;

export type LaneKind = Lane | "volumes";
export type LaneBox = { lane: LaneKind; y: number; height: number; count: number };

export type PodGeometry = {
  width: number;
  height: number;
  lanes: LaneBox[];
  /** Slot of each container and volume, relative to the Pod. */
  slots: Map<string, { x: number; y: number }>;
};

export function laneMembers(pod: Pick<PodDoc, "containers">, lane: Lane): ContainerDoc[] {
  return pod.containers.filter((c) => laneOf(c.role) === lane);
}

function rowWidth(count: number, itemWidth: number): number {
  return count === 0 ? 0 : POD_PAD * 2 + count * itemWidth + (count - 1) * CARD_GAP;
}

/**
 * Geometry by the (immutable) container and volume lists it was computed from: a Pod whose lists did
 * not change keeps its geometry object, so an edit elsewhere neither recomputes nor re-renders it.
 */
const geometryCache = new WeakMap<readonly ContainerDoc[], WeakMap<readonly PodDoc["volumes"][number][], PodGeometry>>();

export function podGeometry(pod: Pick<PodDoc, "containers" | "volumes">): PodGeometry {
  let byVolumes = geometryCache.get(pod.containers);
  const cached = byVolumes?.get(pod.volumes);
  if (cached) return cached;
  const geometry = computeGeometry(pod);
  if (!byVolumes) {
    byVolumes = new WeakMap();
    geometryCache.set(pod.containers, byVolumes);
  }
  byVolumes.set(pod.volumes, geometry);
  return geometry;
}

function computeGeometry(pod: Pick<PodDoc, "containers" | "volumes">): PodGeometry {
  const slots = new Map<string, { x: number; y: number }>();
  const lanes: LaneBox[] = [];
  let y = POD_HEADER;
  let width = POD_MIN_W;
  for (const lane of LANES) {
    const members = laneMembers(pod, lane);
    const height = LANE_LABEL + (members.length ? CARD_H : LANE_EMPTY) + 8;
    lanes.push({ lane, y, height, count: members.length });
    members.forEach((c, i) => slots.set(c.id, { x: POD_PAD + i * (CARD_W + CARD_GAP), y: y + LANE_LABEL }));
    width = Math.max(width, rowWidth(members.length, CARD_W));
    y += height + LANE_GAP;
  }
  const volumes = pod.volumes;
  const vHeight = LANE_LABEL + (volumes.length ? VOLUME_H : LANE_EMPTY) + 8;
  lanes.push({ lane: "volumes", y, height: vHeight, count: volumes.length });
  volumes.forEach((v, i) => slots.set(v.id, { x: POD_PAD + i * (VOLUME_W + CARD_GAP), y: y + LANE_LABEL }));
  width = Math.max(width, rowWidth(volumes.length, VOLUME_W));
  return { width, height: y + vHeight + POD_PAD - LANE_GAP, lanes, slots };
}

/** The lane at a y offset inside a Pod (null in the header). */
export function laneAt(geometry: PodGeometry, y: number): LaneKind | null {
  for (const box of geometry.lanes) {
    if (y >= box.y - LANE_GAP / 2 && y < box.y + box.height + LANE_GAP / 2) return box.lane;
  }
  return y >= POD_HEADER ? "volumes" : null;
}

/** Where a new Pod goes when nothing says: to the right of the last one, wrapping into rows. */
export function nextPodPosition(doc: DesignDocument, index: number): { x: number; y: number } {
  const row = Math.floor(index / PODS_PER_ROW);
  const col = index % PODS_PER_ROW;
  let x = 0;
  let y = 0;
  for (let r = 0; r < row; r += 1) {
    let tallest = 0;
    for (let c = 0; c < PODS_PER_ROW; c += 1) {
      const pod = doc.pods[r * PODS_PER_ROW + c];
      if (pod) tallest = Math.max(tallest, podGeometry(pod).height);
    }
    y += tallest + POD_GAP;
  }
  for (let c = 0; c < col; c += 1) {
    const pod = doc.pods[row * PODS_PER_ROW + c];
    if (pod) x += podGeometry(pod).width + POD_GAP;
  }
  return { x, y };
}

/** Forget the slots of a Pod's children so the next render lays them out again (keeps the Pod's place). */
export function clearPodLayout(layout: Record<string, LayoutBox>, pod: PodDoc): Record<string, LayoutBox> {
  const out = { ...layout };
  for (const c of pod.containers) delete out[c.id];
  for (const v of pod.volumes) delete out[v.id];
  const own = out[pod.id];
  if (own) out[pod.id] = { x: own.x, y: own.y };
  return out;
}
