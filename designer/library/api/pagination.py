"""Cursor pagination: no COUNT over 100,000 rows, stable pages while designs change."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class DesignCursor(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-updated_at"


class RevisionCursor(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-number"
