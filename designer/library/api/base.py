"""What every library endpoint shares: parsers, renderer, ETags, the revision a save is based on."""

from __future__ import annotations

import re
from typing import Any

from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from designer.library.api.parsers import LimitedJSONParser

_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


class LenientNegotiation(DefaultContentNegotiation):
    """JSON even for a client that asked only for something else (a download's Accept header)."""

    def select_renderer(
        self, request: Request, renderers: list[Any], format_suffix: Any = None
    ) -> Any:
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            return renderers[0], renderers[0].media_type


class ApiView(APIView):
    """Base of every endpoint: JSON in and out, reads open, writes need a signed-in user."""

    content_negotiation_class = LenientNegotiation
    parser_classes = [LimitedJSONParser]
    renderer_classes = [JSONRenderer]
    permission_classes = [IsAuthenticatedOrReadOnly]


def etag(number: int) -> str:
    """The ETag of a design at a revision: the revision number, quoted."""
    return f'"{number}"'


def base_revision(request: Request, body_value: int | None) -> int | None:
    """The revision a save is based on: ``If-Match`` or ``base_revision`` (they must agree)."""
    header = request.headers.get("If-Match")
    from_header = None
    if header is not None:
        match = _ETAG.match(header)
        if match is None:
            raise ValidationError(
                {"If-Match": ['Expected the ETag of the design, a revision number like "3".']}
            )
        from_header = int(match[1])
    if from_header is not None and body_value is not None and from_header != body_value:
        raise ValidationError({"base_revision": ["Differs from the If-Match header."]})
    return from_header if from_header is not None else body_value


def query_bool(request: Request, name: str) -> bool | None:
    """A boolean query parameter (1/0, true/false, yes/no, on/off), None when absent."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValidationError({name: ["Expected a boolean: 1 or 0."]})


def attachment(filename: str) -> dict[str, Any]:
    """Headers of a file download."""
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def query_int(request: Request, name: str) -> int | None:
    """A positive integer query parameter, None when absent."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise ValidationError({name: ["Expected a positive whole number."]})
    return int(raw)
