/** What the containers of a Pod share through its pause container, and what host sharing costs. */

import type { JsonObject } from "./json";

export type NamespaceFact = {
  key: string;
  label: string;
  tone: "shared" | "host" | "private";
  explain: string;
  cost: string;
};

export const PAUSE_EXPLAIN =
  "Every Pod starts a tiny pause (infra) container first. It holds the Pod's network namespace " +
  "(one IP, one port space), its IPC and UTS namespaces, so app containers can restart without " +
  "losing them.";

export function namespaceFacts(spec: JsonObject): NamespaceFact[] {
  const hostNetwork = spec["hostNetwork"] === true;
  const hostPID = spec["hostPID"] === true;
  const hostIPC = spec["hostIPC"] === true;
  const sharePid = spec["shareProcessNamespace"] === true;
  return [
    hostNetwork
      ? {
          key: "net",
          label: "host network",
          tone: "host",
          explain: "The Pod uses the node's network namespace: the node's IP and every interface.",
          cost: "High: containers can bind node ports and reach node-local services; NetworkPolicy no longer isolates them.",
        }
      : {
          key: "net",
          label: "network",
          tone: "shared",
          explain: "One IP and one port space for all containers: they talk over localhost; two cannot listen on the same port.",
          cost: "None beyond the Pod: this is what makes a Pod.",
        },
    hostIPC
      ? {
          key: "ipc",
          label: "host IPC",
          tone: "host",
          explain: "The Pod shares the node's System V IPC and POSIX message queues.",
          cost: "High: containers can read or tamper with shared memory of any process on the node.",
        }
      : {
          key: "ipc",
          label: "IPC",
          tone: "shared",
          explain: "Shared memory and message queues are shared between the Pod's containers.",
          cost: "Low: only the Pod's own containers.",
        },
    {
      key: "uts",
      label: "UTS",
      tone: hostNetwork ? "host" : "shared",
      explain: hostNetwork ? "The hostname is the node's." : "One hostname (the Pod's name) for all containers.",
      cost: hostNetwork ? "Comes with host network." : "None.",
    },
    hostPID
      ? {
          key: "pid",
          label: "host PID",
          tone: "host",
          explain: "The Pod sees every process of the node.",
          cost: "High: with enough privileges a container can signal or inspect any process on the node.",
        }
      : sharePid
        ? {
            key: "pid",
            label: "PID",
            tone: "shared",
            explain: "shareProcessNamespace: containers see each other's processes; pause is PID 1 and reaps zombies.",
            cost: "Medium: a container can signal others and read their /proc (environment variables, files via /proc/PID/root).",
          }
        : {
            key: "pid",
            label: "PID (private)",
            tone: "private",
            explain: "Each container has its own process tree. Turn on shareProcessNamespace to let them see each other.",
            cost: "None.",
          },
  ];
}
