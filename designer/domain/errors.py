"""Exceptions the core raises for input it cannot work with at all.

User mistakes inside a readable design are never raised: they come back as findings.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base class for every error the core raises."""


class ManifestError(DomainError):
    """Input that cannot be read as Kubernetes manifests (malformed, hostile, unsupported kind)."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        where = f" (line {line}, column {column})" if line is not None and column is not None else ""
        super().__init__(f"{message}{where}")


class DocumentError(DomainError):
    """A design document that does not have the shape of a design document."""
