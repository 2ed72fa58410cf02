"""1,000 concurrent preview sessions at 16x on one daphne process: order, lateness, memory."""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from typing import Any

from bench.servers import Daphne

SESSIONS = 1000
CONNECT_CONCURRENCY = 100
TIMEOUT = 120.0
WAR_TOMCAT = """
apiVersion: v1
kind: Pod
metadata: {name: shop}
spec:
  terminationGracePeriodSeconds: 10
  initContainers:
  - name: copy-war
    image: busybox:1.36
    command: [sh, -c, cp /src/shop.war /webapps/]
    volumeMounts: [{name: webapps, mountPath: /webapps}]
  - name: log-shipper
    image: fluent/fluent-bit:3.1
    restartPolicy: Always
    startupProbe: {tcpSocket: {port: 2020}, periodSeconds: 2}
    volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]
  containers:
  - name: tomcat
    image: tomcat:10.1
    ports: [{containerPort: 8080, name: http}]
    readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 2}
    lifecycle: {preStop: {sleep: {seconds: 2}}}
    volumeMounts:
    - {name: webapps, mountPath: /usr/local/tomcat/webapps}
    - {name: logs, mountPath: /usr/local/tomcat/logs}
  volumes:
  - {name: webapps, emptyDir: {}}
  - {name: logs, emptyDir: {}}
"""


async def session(url: str, document: dict[str, Any], ready: asyncio.Event, go: asyncio.Event,
                  gate: asyncio.Semaphore, stats: dict[str, Any]) -> None:
    from websockets.asyncio.client import connect

    async with gate:
        ws = await connect(url + "/ws/preview/", origin="http://127.0.0.1", max_queue=None,
                           compression=None, open_timeout=60)
    try:
        await ws.recv()  # ready
        await ws.send(json.dumps({"type": "speed", "value": 16}))
        await ws.send(json.dumps({"type": "load", "document": document, "autoplay": False,
                                  "scenario": "deletion"}))
        expected: list[int] = []
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == "timeline":
                expected = [e["seq"] for e in frame["events"]]
            if frame["type"] == "clock" and expected:
                break
        stats["connected"] += 1
        if stats["connected"] == SESSIONS:
            ready.set()
        await go.wait()
        await ws.send(json.dumps({"type": "play"}))
        seen: list[int] = []
        while True:
            frame = json.loads(await ws.recv())
            now = time.time()
            if frame["type"] == "event":
                seen.append(frame["event"]["seq"])
                stats["lateness"].append((now - frame["due"]) * 1000)
            elif frame["type"] == "finished":
                break
            elif frame["type"] == "error":
                stats["errors"] += 1
        stats["in_order"] += seen == expected
        stats["frames"] += len(seen)
    finally:
        await ws.close()


async def drive(server: Daphne) -> dict[str, Any]:
    from designer.domain import operations

    document = operations.import_text(WAR_TOMCAT).design.to_dict()
    stats: dict[str, Any] = {"connected": 0, "in_order": 0, "frames": 0, "errors": 0, "lateness": []}
    ready, go = asyncio.Event(), asyncio.Event()
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    tasks = [asyncio.create_task(session(server.ws_url, document, ready, go, gate, stats))
             for _ in range(SESSIONS)]
    started = time.perf_counter()
    await asyncio.wait_for(ready.wait(), TIMEOUT)
    stats["connect_s"] = time.perf_counter() - started
    stats["rss_held"] = server.rss_mb()[0]
    go.set()
    await asyncio.wait_for(asyncio.gather(*tasks), TIMEOUT)
    stats["rss_peak"] = server.rss_mb()[1]
    return stats


def run() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    server = Daphne()
    try:
        stats = asyncio.run(drive(server))
    finally:
        server.stop()
    lateness = sorted(stats["lateness"])
    p99 = lateness[int(len(lateness) * 0.99) - 1] if lateness else float("nan")
    print(f"   sessions held concurrently: {stats['connected']} (connected in {stats['connect_s']:.1f} s)")
    print(f"   event frames delivered: {stats['frames']}, sessions fully in order: "
          f"{stats['in_order']}/{SESSIONS}, error frames: {stats['errors']}")
    print(f"   frame lateness p50 {statistics.median(lateness):.1f} ms, p99 {p99:.1f} ms "
          f"(target p99 <= 100 ms)")
    print(f"   server RSS with all sessions held {stats['rss_held']:.0f} MB, peak "
          f"{stats['rss_peak']:.0f} MB (target <= 400 MB)")
