"""Start the real ASGI server (daphne) on a free loopback port for benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "bench-output"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Daphne:
    """A daphne subprocess serving designer.asgi on 127.0.0.1; stop() ends it."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        OUTPUT.mkdir(exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.log = OUTPUT / f"daphne-{self.port}.log"
        full_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "designer.settings",
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "DATABASE_URL": f"sqlite:///{OUTPUT / 'bench-server.sqlite3'}",
            "LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        endpoint = f"tcp:port={self.port}:interface=127.0.0.1:backlog=4096"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "-v",
                    "0",
                    "-e",
                    endpoint,
                    "designer.asgi:application",
                ],
                cwd=ROOT,
                env=full_env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text())
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("daphne did not start within 30 s")

    def rss_mb(self) -> tuple[float, float]:
        """Current and peak resident memory of the server, in MB."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            fields[key] = value.strip()
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
