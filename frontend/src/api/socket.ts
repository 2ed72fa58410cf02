/** Typed helpers for the server's websocket endpoints. */

export type ServerFrame =
  | { type: "hello"; server: string }
  | { type: "pong"; echo: unknown }
  | { type: "error"; message: string };

/** The ws:// or wss:// URL of a server path, relative to the page's own origin. */
export function socketUrl(path: string, location: Pick<Location, "protocol" | "host">): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const clean = path.startsWith("/") ? path : `/${path}`;
  return `${scheme}//${location.host}${clean}`;
}

/** Parse a text frame, returning null for anything that is not a known frame. */
export function parseFrame(text: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || !("type" in value)) return null;
  const frame = value as { type: unknown };
  if (frame.type === "hello" || frame.type === "pong" || frame.type === "error") {
    return value as ServerFrame;
  }
  return null;
}

export type Health = "connecting" | "online" | "offline";

/** Open the health socket, ping once, and report the connection state as it changes. */
export function watchHealth(onChange: (health: Health, roundTripMs?: number) => void): () => void {
  let closed = false;
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const open = () => {
    onChange("connecting");
    const sentAt = { t: 0 };
    socket = new WebSocket(socketUrl("/ws/health/", window.location));
    socket.onopen = () => {
      attempt = 0;
      sentAt.t = performance.now();
      socket?.send(JSON.stringify({ type: "ping", payload: "hello" }));
    };
    socket.onmessage = (event: MessageEvent<string>) => {
      const frame = parseFrame(event.data);
      if (frame?.type === "pong") onChange("online", Math.round(performance.now() - sentAt.t));
    };
    socket.onclose = () => {
      if (closed) return;
      onChange("offline");
      // Back off 1 s, 2 s, 4 s … up to 30 s so a restarting server is not hammered.
      attempt += 1;
      retry = setTimeout(open, Math.min(30_000, 1000 * 2 ** (attempt - 1)));
    };
  };
  open();
  return () => {
    closed = true;
    if (retry !== undefined) clearTimeout(retry);
    socket?.close();
  };
}
