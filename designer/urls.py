"""URL routes of the whole site."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("designer.library.api.urls")),
    path("accounts/", include("designer.library.urls")),
    path("", include("designer.web.urls")),
]
