"""Pages. Thin: they render templates, the editor itself is the React bundle."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from designer.web.vite import entry_assets


@require_GET
@ensure_csrf_cookie
def editor(request: HttpRequest) -> HttpResponse:
    return render(request, "web/editor.html", {"assets": entry_assets()})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
