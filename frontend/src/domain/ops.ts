/** Edits of a design document. Pure: each returns a new document and never touches its input. */

import {
  type ContainerDoc,
  type DesignDocument,
  HELPER_ROLES,
  type MountDoc,
  type PodDoc,
  type Role,
  allIds,
  containerName,
  podName,
  volumeName,
} from "./design";
import { type JsonObject, asString } from "./json";
import { CARD_GAP, CARD_W, POD_GAP, POD_PAD, clearPodLayout, laneMembers, nextPodPosition, podGeometry } from "./layout";
import { uniqueId, uniqueName } from "./naming";
import { CONTAINER_PRESETS, VOLUME_PRESETS, volumeType } from "./presets";
import { type Lane, laneOf, roleForLane } from "./roles";

export type Refusal = { ok: false; reason: string };
export type Done = { ok: true; doc: DesignDocument; id: string; note?: string };
export type OpResult = Done | Refusal;

const READ_ONLY_TYPES = new Set(["configMap", "secret", "downwardAPI", "projected"]);

export function podOf(doc: DesignDocument, elementId: string): PodDoc | undefined {
  return doc.pods.find(
    (p) =>
      p.id === elementId ||
      p.containers.some((c) => c.id === elementId) ||
      p.volumes.some((v) => v.id === elementId) ||
      p.mounts.some((m) => m.id === elementId),
  );
}

function replacePod(doc: DesignDocument, pod: PodDoc, relayout = false): DesignDocument {
  const old = doc.pods.find((p) => p.id === pod.id);
  const pods = doc.pods.map((p) => (p.id === pod.id ? pod : p));
  const layout = relayout && old ? clearPodLayout(clearPodLayout(doc.layout, old), pod) : doc.layout;
  return { ...doc, pods, layout };
}

/** Apply ``fn`` to the Pod holding ``elementId``; the document is unchanged when there is none. */
export function updatePodOf(
  doc: DesignDocument,
  elementId: string,
  fn: (pod: PodDoc) => PodDoc,
  relayout = false,
): DesignDocument {
  const pod = podOf(doc, elementId);
  return pod ? replacePod(doc, fn(pod), relayout) : doc;
}

/** Right of every Pod: where a Pod added without a drop point goes. */
export function freeSpot(doc: DesignDocument): { x: number; y: number } {
  if (doc.pods.length === 0) return { x: 0, y: 0 };
  let right = -Infinity;
  let top = Infinity;
  doc.pods.forEach((pod, i) => {
    const box = doc.layout[pod.id];
    const at = box?.x !== undefined && box.y !== undefined ? { x: box.x, y: box.y } : nextPodPosition(doc, i);
    right = Math.max(right, at.x + Math.max(box?.width ?? 0, podGeometry(pod).width));
    top = Math.min(top, at.y);
  });
  return { x: right + POD_GAP, y: top };
}

export function addPod(doc: DesignDocument, at?: { x: number; y: number }): Done {
  const ids = allIds(doc);
  let n = doc.pods.length + 1;
  while (ids.has(`pod-${n}`)) n += 1;
  const id = `pod-${n}`;
  const name = uniqueName("my-pod", doc.pods.map((p) => podName(p)));
  const pod: PodDoc = {
    id,
    metadata: { name, labels: { app: name } },
    spec: {},
    containers: [],
    volumes: [],
    mounts: [],
    workload: null,
    notes: "",
  };
  const position = at ?? freeSpot(doc);
  return { ok: true, id, doc: { ...doc, pods: [...doc.pods, pod], layout: { ...doc.layout, [id]: position } } };
}

export function addContainer(doc: DesignDocument, podId: string, presetKey: string, lane: Lane | null = null): OpResult {
  const pod = doc.pods.find((p) => p.id === podId);
  const preset = CONTAINER_PRESETS.find((p) => p.key === presetKey);
  if (!pod || !preset) return { ok: false, reason: "Drop containers onto a Pod." };
  const name = uniqueName(asString(preset.spec["name"]), pod.containers.map(containerName));
  const id = uniqueId("c", name, allIds(doc));
  const role = lane ? roleForLane(lane, preset.role) : preset.role;
  const container: ContainerDoc = {
    id,
    role,
    native: null,
    spec: { ...structuredClone(preset.spec), name },
    notes: "",
    timings: { ...preset.timings },
  };
  return { ok: true, id, doc: replacePod(doc, { ...pod, containers: [...pod.containers, container] }, true) };
}

export function addVolume(doc: DesignDocument, podId: string, presetKey: string): OpResult {
  const pod = doc.pods.find((p) => p.id === podId);
  const preset = VOLUME_PRESETS.find((p) => p.key === presetKey);
  if (!pod || !preset) return { ok: false, reason: "Drop volumes onto a Pod." };
  const name = uniqueName(asString(preset.spec["name"]), pod.volumes.map(volumeName));
  const id = uniqueId("v", name, allIds(doc));
  const volume = { id, spec: { ...structuredClone(preset.spec), name } };
  return { ok: true, id, doc: replacePod(doc, { ...pod, volumes: [...pod.volumes, volume] }, true) };
}

function mountId(doc: DesignDocument): string {
  const ids = allIds(doc);
  let n = 1;
  for (const pod of doc.pods) n += pod.mounts.length;
  while (ids.has(`m-${n}`)) n += 1;
  return `m-${n}`;
}

/** Mount a volume into a container: refused across Pods and for a second mount of the same pair. */
export function connectMount(doc: DesignDocument, volumeId: string, containerId: string): OpResult {
  const vPod = doc.pods.find((p) => p.volumes.some((v) => v.id === volumeId));
  const cPod = doc.pods.find((p) => p.containers.some((c) => c.id === containerId));
  const volume = vPod?.volumes.find((v) => v.id === volumeId);
  const container = cPod?.containers.find((c) => c.id === containerId);
  if (!vPod || !cPod || !volume || !container) {
    return { ok: false, reason: "Connect a volume to a container." };
  }
  if (vPod.id !== cPod.id) {
    return {
      ok: false,
      reason:
        `Volume "${volumeName(volume)}" belongs to Pod "${podName(vPod)}" and container ` +
        `"${containerName(container)}" to Pod "${podName(cPod)}": a container can only mount volumes of its own Pod.`,
    };
  }
  if (vPod.mounts.some((m) => m.volume === volumeId && m.container === containerId)) {
    return {
      ok: false,
      reason: `"${containerName(container)}" already mounts "${volumeName(volume)}": select the edge to change its path.`,
    };
  }
  const used = vPod.mounts.filter((m) => m.container === containerId).map((m) => asString(m.spec["mountPath"]));
  const mountPath = uniqueName(`/mnt/${volumeName(volume)}`, used);
  const spec: JsonObject = { mountPath };
  if (READ_ONLY_TYPES.has(volumeType(volume.spec))) spec["readOnly"] = true;
  const id = mountId(doc);
  const mount: MountDoc = { id, container: containerId, volume: volumeId, spec };
  return { ok: true, id, doc: replacePod(doc, { ...vPod, mounts: [...vPod.mounts, mount] }) };
}

/** Insert ``item`` among the containers so that it lands at ``slot`` within its lane. */
function placeInLane(containers: ContainerDoc[], item: ContainerDoc, slot: number | null): ContainerDoc[] {
  const rest = containers.filter((c) => c.id !== item.id);
  const lane = laneOf(item.role);
  const members = rest.filter((c) => laneOf(c.role) === lane);
  if (slot === null) {
    const current = containers.findIndex((c) => c.id === item.id);
    if (current >= 0) return containers.map((c) => (c.id === item.id ? item : c));
    return [...rest, item];
  }
  const before = members[slot];
  if (before) {
    const index = rest.indexOf(before);
    return [...rest.slice(0, index), item, ...rest.slice(index)];
  }
  const last = members[members.length - 1];
  if (!last) return [...rest, item];
  const index = rest.indexOf(last) + 1;
  return [...rest.slice(0, index), item, ...rest.slice(index)];
}

/** Lane slot for a drop at ``x`` (relative to the Pod): how many lane members sit left of it. */
export function slotAt(pod: PodDoc, lane: Lane, x: number, exclude: string): number {
  const members = laneMembers(pod, lane).filter((c) => c.id !== exclude);
  return members.filter((_, i) => POD_PAD + i * (CARD_W + CARD_GAP) + CARD_W / 2 < x).length;
}

function withRole(container: ContainerDoc, role: Role): ContainerDoc {
  if (container.role === role) return container;
  return { ...container, role, native: HELPER_ROLES.has(role) ? container.native : null };
}

/**
 * Move a container to ``lane`` (its role follows: init lane → init, app lane → main) of ``podId``
 * at drop x ``x``. Across Pods its mounts are dropped (a volume never spans Pods): the note says so.
 */
export function moveContainer(
  doc: DesignDocument,
  id: string,
  podId: string,
  lane: Lane | null,
  x: number | null,
): OpResult {
  const from = doc.pods.find((p) => p.containers.some((c) => c.id === id));
  const to = doc.pods.find((p) => p.id === podId);
  const original = from?.containers.find((c) => c.id === id);
  if (!from || !to || !original) return { ok: false, reason: "Drop containers onto a Pod." };
  let container = lane ? withRole(original, roleForLane(lane, original.role)) : original;
  const target = laneOf(container.role);
  if (from.id === to.id) {
    const slot = x === null ? null : slotAt(to, target, x, id);
    const containers = placeInLane(from.containers, container, slot);
    return { ok: true, id, doc: replacePod(doc, { ...from, containers }, true) };
  }
  const dropped = from.mounts.filter((m) => m.container === id);
  const name = uniqueName(containerName(container), to.containers.map(containerName));
  if (name !== containerName(container)) container = { ...container, spec: { ...container.spec, name } };
  const source: PodDoc = {
    ...from,
    containers: from.containers.filter((c) => c.id !== id),
    mounts: from.mounts.filter((m) => m.container !== id),
  };
  const slot = x === null ? null : slotAt(to, target, x, id);
  const dest: PodDoc = { ...to, containers: placeInLane(to.containers, container, slot) };
  const next = replacePod(replacePod(doc, source, true), dest, true);
  const note = dropped.length
    ? `Moved to Pod "${podName(to)}"; its ${dropped.length} mount(s) of Pod "${podName(from)}" volumes were removed (Undo brings them back).`
    : undefined;
  return note ? { ok: true, id, doc: next, note } : { ok: true, id, doc: next };
}

export function moveVolume(doc: DesignDocument, id: string, podId: string): OpResult {
  const from = doc.pods.find((p) => p.volumes.some((v) => v.id === id));
  const to = doc.pods.find((p) => p.id === podId);
  const volume = from?.volumes.find((v) => v.id === id);
  if (!from || !to || !volume) return { ok: false, reason: "Drop volumes onto a Pod." };
  if (from.id === to.id) return { ok: true, id, doc: replacePod(doc, from, true) };
  const dropped = from.mounts.filter((m) => m.volume === id);
  const name = uniqueName(volumeName(volume), to.volumes.map(volumeName));
  const moved = name === volumeName(volume) ? volume : { ...volume, spec: { ...volume.spec, name } };
  const source = { ...from, volumes: from.volumes.filter((v) => v.id !== id), mounts: from.mounts.filter((m) => m.volume !== id) };
  const dest = { ...to, volumes: [...to.volumes, moved] };
  const next = replacePod(replacePod(doc, source, true), dest, true);
  const note = dropped.length ? `Moved to Pod "${podName(to)}"; its ${dropped.length} mount(s) were removed.` : undefined;
  return note ? { ok: true, id, doc: next, note } : { ok: true, id, doc: next };
}

/** Swap a container with its neighbour in the same lane (``delta`` -1: earlier, +1: later). */
export function reorderContainer(doc: DesignDocument, id: string, delta: -1 | 1): DesignDocument {
  return updatePodOf(
    doc,
    id,
    (pod) => {
      const item = pod.containers.find((c) => c.id === id);
      if (!item) return pod;
      const members = laneMembers(pod, laneOf(item.role));
      const at = members.indexOf(item);
      const other = members[at + delta];
      if (!other) return pod;
      const containers = pod.containers.map((c) => (c.id === id ? other : c.id === other.id ? item : c));
      return { ...pod, containers };
    },
    true,
  );
}

export function setRole(doc: DesignDocument, id: string, role: Role): DesignDocument {
  return updatePodOf(
    doc,
    id,
    (pod) => {
      const item = pod.containers.find((c) => c.id === id);
      if (!item || item.role === role) return pod;
      // A new lane: the container goes last in it, which is where it is drawn.
      return { ...pod, containers: placeInLane(pod.containers, withRole(item, role), laneMembers(pod, laneOf(role)).length) };
    },
    true,
  );
}

export function updateContainer(doc: DesignDocument, id: string, fn: (c: ContainerDoc) => ContainerDoc): DesignDocument {
  return updatePodOf(doc, id, (pod) => ({ ...pod, containers: pod.containers.map((c) => (c.id === id ? fn(c) : c)) }));
}

export function updateVolume(doc: DesignDocument, id: string, spec: JsonObject): DesignDocument {
  return updatePodOf(doc, id, (pod) => ({ ...pod, volumes: pod.volumes.map((v) => (v.id === id ? { ...v, spec } : v)) }));
}

export function updateMount(doc: DesignDocument, id: string, spec: JsonObject): DesignDocument {
  return updatePodOf(doc, id, (pod) => ({ ...pod, mounts: pod.mounts.map((m) => (m.id === id ? { ...m, spec } : m)) }));
}

export type PodPatch = Partial<Pick<PodDoc, "metadata" | "spec" | "notes" | "workload">>;

export function updatePod(doc: DesignDocument, id: string, patch: PodPatch): DesignDocument {
  return updatePodOf(doc, id, (pod) => ({ ...pod, ...patch }));
}

export function setPodPosition(doc: DesignDocument, id: string, x: number, y: number): DesignDocument {
  return { ...doc, layout: { ...doc.layout, [id]: { ...doc.layout[id], x, y } } };
}

/** Delete elements; a Pod takes its containers and volumes along, and mounts go with either end. */
export function deleteElements(doc: DesignDocument, ids: ReadonlySet<string>): DesignDocument {
  if (ids.size === 0) return doc;
  let next: DesignDocument = { ...doc, pods: doc.pods.filter((p) => !ids.has(p.id)) };
  const layout = { ...doc.layout };
  for (const pod of doc.pods) {
    if (ids.has(pod.id)) {
      for (const id of [pod.id, ...pod.containers.map((c) => c.id), ...pod.volumes.map((v) => v.id)]) delete layout[id];
    }
  }
  next = { ...next, layout };
  for (const pod of next.pods) {
    const touched =
      pod.containers.some((c) => ids.has(c.id)) || pod.volumes.some((v) => ids.has(v.id)) || pod.mounts.some((m) => ids.has(m.id));
    if (!touched) continue;
    const containers = pod.containers.filter((c) => !ids.has(c.id));
    const volumes = pod.volumes.filter((v) => !ids.has(v.id));
    const mounts = pod.mounts.filter(
      (m) => !ids.has(m.id) && !ids.has(m.container) && (m.volume === null || !ids.has(m.volume)),
    );
    next = replacePod(next, { ...pod, containers, volumes, mounts }, true);
  }
  return next;
}
