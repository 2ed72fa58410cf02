/**
 * Who else is looking at the open library design, and the newest revision someone saved
 * (from /ws/designs/<id>/). Pure frame handling (``applyDesignFrame``) plus a small store.
 */

import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { createStore } from "zustand/vanilla";

import { isObject } from "../domain/json";

export type Viewer = { id: number | string; username: string; session: string };
export type Me = { id: number | string; username: string; session: string };
export type RevisionNotice = { design: string; revision: number; author: string | null; message: string };

export type DesignFrame =
  | { type: "subscribed"; design: string; me: Me }
  | { type: "presence"; event: "join" | "here" | "leave"; user: Viewer }
  | ({ type: "revision" } & RevisionNotice)
  | { type: "error"; message: string }
  | { type: "pong" };

export type ChannelStatus = "off" | "connecting" | "online" | "offline" | "refused";

export type CollabState = {
  design: string | null;
  status: ChannelStatus;
  me: Me | null;
  /** Other viewers by session (one browser tab each). */
  viewers: Record<string, Viewer>;
  notice: RevisionNotice | null;
  /** A revision whose banner the user dismissed. */
  dismissed: number | null;
  /** Saves of this tab on their way: their own notice must not show as someone else's. */
  savesInFlight: number;
};

function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function parseUser(value: unknown): Viewer | null {
  if (!isObject(value)) return null;
  const username = str(value["username"]);
  const session = str(value["session"]) || str(value["channel"]).slice(-12);
  if (!username || !session) return null;
  const id = typeof value["id"] === "number" || typeof value["id"] === "string" ? value["id"] : username;
  return { id, username, session };
}

export function parseDesignFrame(text: string): DesignFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  switch (value["type"]) {
    case "subscribed": {
      const me = parseUser(value["me"]);
      return me ? { type: "subscribed", design: str(value["design"]), me } : null;
    }
    case "presence": {
      const event = value["event"];
      const user = parseUser(value["user"]);
      if (!user || (event !== "join" && event !== "here" && event !== "leave")) return null;
      return { type: "presence", event, user };
    }
    case "revision": {
      const revision = value["revision"];
      if (typeof revision !== "number" || !Number.isFinite(revision)) return null;
      const author = value["author"];
      return {
        type: "revision",
        design: str(value["design"]),
        revision,
        author: typeof author === "string" ? author : isObject(author) ? str(author["username"]) || null : null,
        message: str(value["message"]),
      };
    }
    case "error":
      return { type: "error", message: str(value["message"]) };
    case "pong":
      return { type: "pong" };
    default:
      return null;
  }
}

export function initialCollabState(design: string | null = null): CollabState {
  return { design, status: design ? "connecting" : "off", me: null, viewers: {}, notice: null, dismissed: null, savesInFlight: 0 };
}

/** The state after one frame of the design socket (pure). */
export function applyDesignFrame(state: CollabState, frame: DesignFrame): Partial<CollabState> {
  switch (frame.type) {
    case "subscribed":
      // A (re)subscription: the others answer our join with "here", so the list starts afresh.
      return { me: frame.me, viewers: {} };
    case "presence": {
      if (state.me && frame.user.session === state.me.session) return {};
      const viewers = { ...state.viewers };
      if (frame.event === "leave") delete viewers[frame.user.session];
      else viewers[frame.user.session] = frame.user;
      return { viewers };
    }
    case "revision":
      if (state.notice && state.notice.revision >= frame.revision) return {};
      return { notice: { design: frame.design, revision: frame.revision, author: frame.author, message: frame.message } };
    default:
      return {};
  }
}

/** The banner to show, if any: a revision newer than the canvas's, not ours, not dismissed. */
export function visibleNotice(state: CollabState, design: { id: string | null; revision: number | null }): RevisionNotice | null {
  const notice = state.notice;
  if (!notice || !design.id || state.design !== design.id) return null;
  if (notice.design && notice.design !== design.id) return null;
  if (state.savesInFlight > 0) return null;
  if (design.revision !== null && notice.revision <= design.revision) return null;
  if (state.dismissed !== null && notice.revision <= state.dismissed) return null;
  return notice;
}

export type PresenceEntry = { id: number | string; username: string; sessions: number; isMe: boolean };

/** Viewers grouped per user (two tabs of one person are one avatar with a count). */
export function presenceList(state: Pick<CollabState, "viewers" | "me">): PresenceEntry[] {
  const byUser = new Map<string, PresenceEntry>();
  for (const viewer of Object.values(state.viewers)) {
    const key = String(viewer.id);
    const entry = byUser.get(key);
    if (entry) entry.sessions += 1;
    else byUser.set(key, { id: viewer.id, username: viewer.username, sessions: 1, isMe: state.me !== null && String(state.me.id) === key });
  }
  return [...byUser.values()].sort((a, b) => a.username.localeCompare(b.username));
}

export type CollabActions = {
  reset: (design: string | null) => void;
  receive: (frame: DesignFrame) => void;
  setStatus: (status: ChannelStatus) => void;
  dismiss: (revision: number) => void;
  beginSave: () => void;
  endSave: () => void;
};

export function createCollabStore() {
  return createStore<CollabState & CollabActions>()((set, get) => ({
    ...initialCollabState(),
    reset: (design) => set({ ...initialCollabState(design), savesInFlight: get().savesInFlight }),
    receive: (frame) => set(applyDesignFrame(get(), frame)),
    setStatus: (status) => set({ status }),
    dismiss: (revision) => set({ dismissed: revision }),
    beginSave: () => set({ savesInFlight: get().savesInFlight + 1 }),
    endSave: () => set({ savesInFlight: Math.max(0, get().savesInFlight - 1) }),
  }));
}

export const collabStore = createCollabStore();

export function useCollab<T>(selector: (state: CollabState & CollabActions) => T): T {
  return useStore(collabStore, selector);
}

export function useCollabShallow<T>(selector: (state: CollabState & CollabActions) => T): T {
  return useStore(collabStore, useShallow(selector));
}

/** Run a save of this tab with its notice held back until the save has answered. */
export async function ownSave<T>(save: () => Promise<T>): Promise<T> {
  collabStore.getState().beginSave();
  try {
    return await save();
  } finally {
    collabStore.getState().endSave();
  }
}
