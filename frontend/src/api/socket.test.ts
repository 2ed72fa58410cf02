import { describe, expect, it } from "vitest";

import { parseFrame, socketUrl } from "./socket";

describe("socketUrl", () => {
  it("uses ws for http pages and keeps the host and port", () => {
    expect(socketUrl("/ws/health/", { protocol: "http:", host: "127.0.0.1:8000" })).toBe(
      "ws://127.0.0.1:8000/ws/health/",
    );
  });

  it("uses wss for https pages and adds a missing leading slash", () => {
    expect(socketUrl("ws/health/", { protocol: "https:", host: "pods.example.org" })).toBe(
      "wss://pods.example.org/ws/health/",
    );
  });
});

describe("parseFrame", () => {
  it("accepts the server's known frames", () => {
    expect(parseFrame('{"type":"pong","echo":"x"}')).toEqual({ type: "pong", echo: "x" });
  });

  it("rejects malformed and unknown frames", () => {
    expect(parseFrame("not json")).toBeNull();
    expect(parseFrame("[1,2]")).toBeNull();
    expect(parseFrame('{"type":"surprise"}')).toBeNull();
  });
});
