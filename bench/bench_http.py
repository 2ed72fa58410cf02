"""Page and health endpoint latency through Django's test client, in-process."""

from __future__ import annotations

import statistics
import time


def measure(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def run() -> None:
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()

    client = Client()
    for path in ("/healthz", "/"):
        client.get(path)
        samples = sorted(measure(lambda p=path: client.get(p), 300))
        p95 = samples[int(len(samples) * 0.95) - 1]
        print(f"   GET {path:10s} median {statistics.median(samples):.2f} ms  p95 {p95:.2f} ms")
