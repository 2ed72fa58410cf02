/** What each container role means, where it sits in a Pod, and how it is shown. */

import type { ContainerDoc, Role } from "./design";

export type Lane = "init" | "app" | "helpers";
export const LANES: readonly Lane[] = ["init", "app", "helpers"];

export const LANE_LABELS: Record<Lane, string> = {
  init: "Init · in order, before the app",
  app: "App containers",
  helpers: "Sidecars · ambassadors · adapters",
};

export type RoleInfo = { label: string; short: string; colour: string; tint: string; explain: string };

export const ROLE_INFO: Record<Role, RoleInfo> = {
  init: {
    label: "Init",
    short: "init",
    colour: "#b45309",
    tint: "#fef3c7",
    explain: "Runs to completion before the app containers start; init containers run one after another.",
  },
  main: {
    label: "Main",
    short: "main",
    colour: "#1d4ed8",
    tint: "#dbeafe",
    explain: "The application itself.",
  },
  sidecar: {
    label: "Sidecar",
    short: "sidecar",
    colour: "#6d28d9",
    tint: "#ede9fe",
    explain: "Runs beside the app for the Pod's whole life (a native sidecar starts before it, from 1.29).",
  },
  ambassador: {
    label: "Ambassador",
    short: "ambassador",
    colour: "#0f766e",
    tint: "#ccfbf1",
    explain: "A proxy the app reaches over localhost to talk to the outside world.",
  },
  adapter: {
    label: "Adapter",
    short: "adapter",
    colour: "#be185d",
    tint: "#fce7f3",
    explain: "Turns the app's output (logs, metrics) into a standard shape for others.",
  },
};

export function laneOf(role: Role): Lane {
  if (role === "init") return "init";
  if (role === "main") return "app";
  return "helpers";
}

/** The role a container gets when it is dropped into a lane (keeping a helper role it already has). */
export function roleForLane(lane: Lane, current: Role): Role {
  if (lane === "init") return "init";
  if (lane === "app") return "main";
  return current === "ambassador" || current === "adapter" || current === "sidecar" ? current : "sidecar";
}

/** 1-based position of each container within its lane, in document order. */
export function laneOrder(containers: readonly ContainerDoc[]): Map<string, number> {
  const counters: Record<Lane, number> = { init: 0, app: 0, helpers: 0 };
  const out = new Map<string, number>();
  for (const c of containers) {
    const lane = laneOf(c.role);
    counters[lane] += 1;
    out.set(c.id, counters[lane]);
  }
  return out;
}
