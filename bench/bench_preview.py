"""1,000 concurrent preview sessions at 16x on one daphne process: order, lateness, memory."""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
from typing import Any

from bench.servers import Daphne

SESSIONS = 1000
CONNECT_CONCURRENCY = 100
# Users press play at different moments: starts spread over this many seconds (seeded, so runs
# compare). All sessions stay connected and playing concurrently for most of the run.
START_SPREAD_S = 3.0
# An init container that crash-loops four times (backoff 0, 10, 20, 40 s) before it succeeds, then
# the app starts: ~10 s of playback at 16x, so every session plays while all the others do.
SCENARIO = {"kind": "init-failure", "container": "copy-war", "attempts_until_success": 4}
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


async def session(
    url: str,
    document: dict[str, Any],
    ready: asyncio.Event,
    go: asyncio.Event,
    gate: asyncio.Semaphore,
    stats: dict[str, Any],
    delay: float,
) -> None:
    from websockets.asyncio.client import connect

    async with gate:
        ws = await connect(
            url + "/ws/preview/",
            origin="http://127.0.0.1",
            max_queue=None,
            compression=None,
            open_timeout=60,
        )
    try:
        await ws.recv()  # ready
        await ws.send(json.dumps({"type": "speed", "value": 16}))
        await ws.send(
            json.dumps({"type": "load", "document": document, "autoplay": False, "scenario": SCENARIO})
        )
        expected: list[int] = []
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == "timeline":
                expected = [e["seq"] for e in frame["events"]]
                stats["duration"] = frame["duration"]
            if frame["type"] == "clock" and expected:
                break
        stats["connected"] += 1
        if stats["connected"] == SESSIONS:
            ready.set()
        await go.wait()
        await asyncio.sleep(delay)
        await ws.send(json.dumps({"type": "play"}))
        seen: list[int] = []
        while True:
            raw = await ws.recv()
            now = time.time()  # stamped before parsing: the client's own JSON work is not lateness
            frame = json.loads(raw)
            if frame["type"] == "event":
                seen.append(frame["event"]["seq"])
                stats["lateness"].append((now - frame["due"]) * 1000)
            elif frame["type"] == "events":
                stats["batched"] += 1
                for event, due in zip(frame["events"], frame["dues"], strict=True):
                    seen.append(event["seq"])
                    stats["lateness"].append((now - due) * 1000)
            elif frame["type"] == "finished":
                break
            elif frame["type"] == "error":
                stats["errors"] += 1
        stats["in_order"] += seen == expected
        stats["frames"] += len(seen)
    finally:
        await ws.close()


async def drive(server: Daphne, spread: float) -> dict[str, Any]:
    from designer.domain import operations

    document = operations.import_text(WAR_TOMCAT).design.to_dict()
    stats: dict[str, Any] = {
        "duration": 0.0,
        "batched": 0,
        "connected": 0,
        "in_order": 0,
        "frames": 0,
        "errors": 0,
        "lateness": [],
    }
    ready, go = asyncio.Event(), asyncio.Event()
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    rng = random.Random(1)
    tasks = [
        asyncio.create_task(session(server.ws_url, document, ready, go, gate, stats, rng.uniform(0, spread)))
        for _ in range(SESSIONS)
    ]
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
    for label, spread in (
        ("play pressed over 3 s", START_SPREAD_S),
        ("worst case: all press play at the same instant", 0.0),
    ):
        server = Daphne()
        try:
            stats = asyncio.run(drive(server, spread))
        finally:
            server.stop()
        report(label, stats)


def report(label: str, stats: dict[str, Any]) -> None:
    lateness = sorted(stats["lateness"])
    p99 = lateness[int(len(lateness) * 0.99) - 1] if lateness else float("nan")
    print(f"   [{label}]")
    print(
        f"   sessions held concurrently: {stats['connected']} (connected in "
        f"{stats['connect_s']:.1f} s; timeline {stats['duration']:.0f} s simulated = "
        f"{stats['duration'] / 16:.1f} s at 16x)"
    )
    print(
        f"   events delivered: {stats['frames']} ({stats['batched']} frames carried several "
        f"events due together), sessions fully in order: "
        f"{stats['in_order']}/{SESSIONS}, error frames: {stats['errors']}"
    )
    print(
        f"   frame lateness p50 {statistics.median(lateness):.1f} ms, p99 {p99:.1f} ms (target p99 <= 100 ms)"
    )
    print(
        f"   server RSS with all sessions held {stats['rss_held']:.0f} MB, peak "
        f"{stats['rss_peak']:.0f} MB (target <= 400 MB)"
    )
