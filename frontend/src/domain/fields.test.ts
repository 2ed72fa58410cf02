import { describe, expect, it } from "vitest";

import { envToLines, parseEnv, parseMap, parsePorts, portsToLines, withProbeKind } from "./fields";
import { fieldCandidates, indexFindings } from "./findings";
import type { Json } from "./json";
import { warTomcat } from "./test-fixtures";

describe("inspector text fields", () => {
  it("reads and writes ports, keeping what a line cannot show", () => {
    const ports = [{ containerPort: 53, protocol: "UDP", name: "dns", hostPort: 53 }];
    expect(portsToLines(ports)).toBe("53/UDP dns");
    expect(parsePorts("53/UDP dns\n8080 http", ports).value).toEqual([
      { containerPort: 53, protocol: "UDP", name: "dns", hostPort: 53 },
      { containerPort: 8080, name: "http" },
    ]);
    expect(parsePorts("http", []).errors).toHaveLength(1);
  });

  it("edits plain env vars and keeps valueFrom entries", () => {
    const env: Json[] = [{ name: "A", value: "1" }, { name: "S", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }];
    const { text, kept } = envToLines(env);
    expect(text).toBe("A=1");
    expect(parseEnv("A=2\nB=x=y", kept).value).toEqual([kept[0], { name: "A", value: "2" }, { name: "B", value: "x=y" }]);
  });

  it("parses labels and reports lines without =", () => {
    expect(parseMap("app=web\nbad")).toEqual({ value: { app: "web" }, errors: ["line 2: write key=value"] });
  });

  it("switches a probe's check and keeps its timing", () => {
    expect(withProbeKind({ httpGet: { path: "/", port: 80 }, periodSeconds: 5 }, "tcpSocket", 80)).toEqual({ tcpSocket: { port: 80 }, periodSeconds: 5 });
    expect(withProbeKind({ exec: {} }, "none", 80)).toBeUndefined();
  });
});

describe("findings", () => {
  it("counts a mount's findings on the mount and on its container", () => {
    const finding = { severity: "error" as const, rule: "r", path: "spec.containers[0].volumeMounts[1].mountPath", message: "", hint: "", type: "", layer: "api" };
    const index = indexFindings([{ ...finding, element: "m-3" }, { ...finding, element: "pod-1", severity: "warning" }], warTomcat());
    expect(index.get("m-3")).toEqual({ error: 1, warning: 0, info: 0 });
    expect(index.get("c-tomcat")).toEqual({ error: 1, warning: 0, info: 0 });
    expect(index.get("pod-1")).toEqual({ error: 0, warning: 1, info: 0 });
  });

  it("derives the form fields to focus from a manifest path, most specific first", () => {
    const candidates = fieldCandidates("spec.containers[0].resources.limits.cpu");
    expect(candidates.indexOf("resources.limits.cpu")).toBeLessThan(candidates.indexOf("cpu"));
    expect(candidates).toContain("resources");
    expect(fieldCandidates("spec.containers[1].volumeMounts[0].mountPath")).toContain("mountPath");
  });
});
