"""One error shape for every API failure: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from designer.domain.errors import DocumentError, DomainError, ManifestError
from designer.domain.operations import ExportRefused
from designer.library.errors import LibraryError, StaleRevision

_DRF_CODES = {
    exceptions.ParseError: "malformed_request",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "forbidden",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ValidationError: "invalid",
}


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The body of every error response."""
    return {"error": {"code": code, "message": message, "details": details}}


def _response(code: str, message: str, details: Any, status_code: int, **headers: str) -> Response:
    set_rollback()
    return Response(error_body(code, message, details), status=status_code, headers=headers or None)


def _validation_message(detail: Any) -> str:
    if isinstance(detail, dict):
        for field, errors in detail.items():
            first = errors[0] if isinstance(errors, list) and errors else errors
            if isinstance(first, (dict, list)):
                return f"{field}: {_validation_message(first)}"
            return f"{field}: {first}" if field != "non_field_errors" else str(first)
    if isinstance(detail, list) and detail:
        return _validation_message(detail[0])
    return str(detail) or "Invalid input."


def _api_exception(exc: exceptions.APIException) -> Response:
    code = next((c for cls, c in _DRF_CODES.items() if isinstance(exc, cls)), None)
    code = code or str(exc.default_code)
    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = str(exc.auth_header)
    if isinstance(exc, exceptions.ValidationError):
        return _response(code, _validation_message(exc.detail), exc.detail, exc.status_code)
    return _response(code, str(exc.detail), None, exc.status_code, **headers)


def _stale(exc: StaleRevision) -> Response:
    from designer.library.api.serializers.revisions import RevisionDetailSerializer
    from designer.library.models import Revision

    current = (
        Revision.objects.select_related("author", "parent")
        .filter(design_id=exc.design_id, number=exc.current)
        .first()
    )
    details = {
        "current_revision": exc.current,
        "revision": RevisionDetailSerializer(current).data if current is not None else None,
    }
    return _response(exc.code, exc.message, details, exc.status, ETag=f'"{exc.current}"')


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler, extended to library and core errors, in the shape above."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, exceptions.APIException):
        return _api_exception(exc)
    if isinstance(exc, StaleRevision):
        return _stale(exc)
    if isinstance(exc, LibraryError):
        return _response(exc.code, exc.message, exc.details, exc.status)
    if isinstance(exc, ExportRefused):
        findings = [f.as_dict() for f in exc.findings]
        return _response("export_refused", str(exc), {"findings": findings}, 422)
    if isinstance(exc, ManifestError):
        details: dict[str, object] = {"line": exc.line, "column": exc.column}
        return _response("invalid_manifest", str(exc), details, 400)
    if isinstance(exc, DocumentError):
        details = {"pointer": getattr(exc, "pointer", "")}
        return _response("invalid_document", str(exc), details, 400)
    if isinstance(exc, DomainError):
        return _response("invalid", str(exc), None, 400)
    if isinstance(exc, RequestDataTooBig):
        return _response("request_too_large", "The request body is too large.", None, 413)
    if isinstance(exc, SuspiciousOperation):
        return _response("bad_request", "The request was refused.", None, 400)
    return None
