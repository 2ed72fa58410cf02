/**
 * A websocket that comes back: when the connection drops it retries with exponential backoff
 * (0.5 s, 1 s, 2 s … up to 15 s, with a little jitter) until stopped, except after a close code
 * that means "do not come back" (4403 forbidden, 4404 not found).
 */

export type SocketLike = {
  readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
};

export type SocketPhase = "connecting" | "open" | "retrying" | "closed";

export type SocketHandlers = {
  onMessage: (text: string) => void;
  /** Each time a connection opens (the first and every reconnection): send the setup frames. */
  onOpen?: (reconnected: boolean) => void;
  onPhase?: (phase: SocketPhase, info: { retryInMs?: number; code?: number }) => void;
};

export type SocketOptions = {
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Close codes after which the socket gives up (the server said no, not "try later"). */
  giveUpCodes?: readonly number[];
  create?: (url: string) => SocketLike;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

const OPEN = 1;

export function backoffDelay(attempt: number, minDelayMs = 500, maxDelayMs = 15_000): number {
  return Math.min(maxDelayMs, minDelayMs * 2 ** Math.max(0, attempt - 1));
}

export class ReconnectingSocket {
  private socket: SocketLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private opened = false;
  private stopped = true;
  private readonly options: Required<SocketOptions>;

  constructor(
    private readonly url: string,
    private readonly handlers: SocketHandlers,
    options: SocketOptions = {},
  ) {
    this.options = {
      minDelayMs: options.minDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 15_000,
      giveUpCodes: options.giveUpCodes ?? [],
      create: options.create ?? ((u) => new WebSocket(u) as unknown as SocketLike),
      random: options.random ?? Math.random,
      setTimer: options.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)),
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  get isOpen(): boolean {
    return this.socket?.readyState === OPEN;
  }

  /** Send a text frame now; false when the connection is not open (nothing is queued). */
  send(text: string): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    try {
      this.socket.send(text);
      return true;
    } catch {
      return false;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onopen = null;
      socket.onerror = null;
      try {
        socket.close(1000);
      } catch {
        // already closed
      }
    }
    this.handlers.onPhase?.("closed", {});
  }

  private connect(): void {
    this.timer = null;
    if (this.stopped) return;
    this.handlers.onPhase?.("connecting", {});
    let socket: SocketLike;
    try {
      socket = this.options.create(this.url);
    } catch {
      this.retry(undefined);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.opened;
      this.opened = true;
      this.attempt = 0;
      this.handlers.onPhase?.("open", {});
      this.handlers.onOpen?.(reconnected);
    };
    socket.onmessage = (event) => {
      if (typeof event.data === "string") this.handlers.onMessage(event.data);
    };
    socket.onerror = () => {
      // onclose follows and decides what to do.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.options.giveUpCodes.includes(event.code)) {
        this.stopped = true;
        this.handlers.onPhase?.("closed", { code: event.code });
        return;
      }
      this.retry(event.code);
    };
  }

  private retry(code: number | undefined): void {
    if (this.stopped) return;
    this.attempt += 1;
    const base = backoffDelay(this.attempt, this.options.minDelayMs, this.options.maxDelayMs);
    const delay = Math.round(base * (1 + 0.2 * this.options.random()));
    this.handlers.onPhase?.("retrying", { retryInMs: delay, ...(code !== undefined ? { code } : {}) });
    this.timer = this.options.setTimer(() => this.connect(), delay);
  }
}

/** Call ``fn`` at most once per ``intervalMs``: the first call goes at once, the latest of a burst follows. */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  intervalMs: number,
  clock: { now: () => number; setTimer: (fn: () => void, ms: number) => unknown; clearTimer: (h: unknown) => void } = {
    now: () => Date.now(),
    setTimer: (f, ms) => setTimeout(f, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): { call: (...args: A) => void; flush: () => void; cancel: () => void } {
  let last = -Infinity;
  let pending: A | null = null;
  let timer: unknown = null;
  const fire = () => {
    timer = null;
    if (!pending) return;
    const args = pending;
    pending = null;
    last = clock.now();
    fn(...args);
  };
  return {
    call: (...args: A) => {
      pending = args;
      const wait = last + intervalMs - clock.now();
      if (wait <= 0 && timer === null) fire();
      else if (timer === null) timer = clock.setTimer(fire, Math.max(0, wait));
    },
    flush: () => {
      if (timer !== null) clock.clearTimer(timer);
      fire();
    },
    cancel: () => {
      if (timer !== null) clock.clearTimer(timer);
      timer = null;
      pending = null;
    },
  };
}
