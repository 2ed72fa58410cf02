"""Per-connection message rate limit (token bucket)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TokenBucket:
    """Allows ``rate`` messages per second with bursts of ``burst``."""

    rate: float
    burst: float
    tokens: float = -1.0
    last: float = 0.0
    refused: int = 0

    def allow(self, now: float) -> bool:
        if self.tokens < 0:
            self.tokens, self.last = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.refused += 1
        return False
