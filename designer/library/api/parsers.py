"""Request parsers with the size and depth limits a public endpoint needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from designer.domain.limits import MAX_JSON_DEPTH, too_deep
from designer.library.api.errors import RequestTooLarge


class LimitedJSONParser(parsers.JSONParser):
    """JSON with NaN/Infinity refused and nesting capped at 64 levels (the size cap is Django's)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels.") from None
        if too_deep(data, MAX_JSON_DEPTH):
            raise ParseError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels.")
        return data


class LimitedMultiPartParser(parsers.MultiPartParser):
    """Multipart uploads refused up front when the body is over the request size limit."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        request = (parser_context or {}).get("request")
        meta = request.META if request is not None else {}
        try:
            length = int(meta.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise RequestTooLarge()
        return super().parse(stream, media_type, parser_context)
