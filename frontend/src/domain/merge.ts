/** Bring imported Pods into an existing design without id clashes. */

import { type DesignDocument, type PodDoc, allIds } from "./design";
import { clearPodLayout } from "./layout";
import { uniqueName } from "./naming";
import { freeSpot } from "./ops";

function renamer(taken: Set<string>): (id: string) => string {
  const map = new Map<string, string>();
  return (id) => {
    const known = map.get(id);
    if (known) return known;
    const fresh = uniqueName(id, taken);
    taken.add(fresh);
    map.set(id, fresh);
    return fresh;
  };
}

function renamePod(pod: PodDoc, rename: (id: string) => string): PodDoc {
  return {
    ...pod,
    id: rename(pod.id),
    containers: pod.containers.map((c) => ({ ...c, id: rename(c.id) })),
    volumes: pod.volumes.map((v) => ({ ...v, id: rename(v.id) })),
    mounts: pod.mounts.map((m) => ({
      ...m,
      id: rename(m.id),
      container: rename(m.container),
      volume: m.volume === null ? null : rename(m.volume),
    })),
  };
}

/** ``current`` plus the Pods of ``incoming`` (renamed where ids clash), each laid out afresh. */
export function mergeDesign(current: DesignDocument, incoming: DesignDocument): DesignDocument {
  if (current.pods.length === 0) return { ...incoming, layout: {} };
  const rename = renamer(allIds(current));
  let doc: DesignDocument = { ...current };
  for (const pod of incoming.pods) {
    const renamed = renamePod(pod, rename);
    const position = freeSpot(doc);
    doc = {
      ...doc,
      pods: [...doc.pods, renamed],
      layout: { ...clearPodLayout(doc.layout, renamed), [renamed.id]: position },
    };
  }
  const offset = current.pods.length;
  const extras = incoming.extra_documents.map((e) => ({ ...e, position: e.position + offset }));
  return { ...doc, extra_documents: [...current.extra_documents, ...extras] };
}
