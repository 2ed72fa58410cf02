/**
 * While a saved library design is open, stay subscribed to /ws/designs/<id>/: presence of the
 * other viewers and notices of new revisions. Reconnects with backoff; an anonymous user or a
 * design the user may not read (close codes 4403/4404) is not retried.
 */

import { useEffect } from "react";

import { ReconnectingSocket } from "../api/reconnecting-socket";
import { socketUrl } from "../api/socket";
import { useEditorApi } from "../store/editor-context";
import { collabStore, parseDesignFrame } from "./collab-store";

export const REFUSED_CODES = [4403, 4404] as const;

export function useDesignChannel(): void {
  const editor = useEditorApi();
  useEffect(() => {
    let socket: ReconnectingSocket | null = null;
    let current: string | null = null;

    const follow = (id: string | null) => {
      if (id === current) return;
      socket?.stop();
      socket = null;
      current = id;
      collabStore.getState().reset(id);
      if (!id) return;
      const url = socketUrl(`/ws/designs/${encodeURIComponent(id)}/`, window.location);
      const next = new ReconnectingSocket(
        url,
        {
          onMessage: (text) => {
            const frame = parseDesignFrame(text);
            if (frame && socket === next) collabStore.getState().receive(frame);
          },
          onPhase: (phase, info) => {
            if (socket !== next) return;
            const refused = info.code !== undefined && (REFUSED_CODES as readonly number[]).includes(info.code);
            collabStore
              .getState()
              .setStatus(phase === "open" ? "online" : phase === "connecting" ? "connecting" : phase === "retrying" ? "offline" : refused ? "refused" : "off");
            if (phase === "retrying") collabStore.setState({ viewers: {} });
          },
        },
        { giveUpCodes: REFUSED_CODES, minDelayMs: 1000, maxDelayMs: 30_000 },
      );
      socket = next;
      next.start();
    };

    follow(editor.getState().design.id);
    const unsubscribe = editor.subscribe((state) => follow(state.design.id));
    return () => {
      unsubscribe();
      socket?.stop();
      socket = null;
      current = null;
    };
  }, [editor]);
}
