"""What services and selectors raise; the API maps each one to a status code and an error body."""

from __future__ import annotations

from typing import Any


class LibraryError(Exception):
    """Base class: a stable ``code``, an HTTP ``status`` and optional ``details``."""

    code = "error"
    status = 400

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class Invalid(LibraryError):
    """Input that is well-formed but not acceptable (a taken slug, an unknown user)."""

    code = "invalid"


class NotFound(LibraryError):
    """The object does not exist, or the user may not know that it does."""

    code = "not_found"
    status = 404


class Forbidden(LibraryError):
    """The user can see the object but not change it."""

    code = "forbidden"
    status = 403


class StaleRevision(LibraryError):
    """A save based on a revision that is no longer the latest one."""

    code = "stale_revision"
    status = 409

    def __init__(self, message: str, *, current: int, design_id: int) -> None:
        super().__init__(message)
        self.current = current
        self.design_id = design_id


class PreconditionRequired(LibraryError):
    """A save that does not say which revision it was based on."""

    code = "precondition_required"
    status = 428


class LastOwner(LibraryError):
    """A change that would leave a team without an owner."""

    code = "last_owner"
    status = 409
