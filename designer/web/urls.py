from __future__ import annotations

from django.urls import path

from designer.web import views

app_name = "web"

urlpatterns = [
    path("", views.editor, name="editor"),
    path("healthz", views.healthz, name="healthz"),
]
