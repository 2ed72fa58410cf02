"""Websocket routes, one consumer per topic."""

from __future__ import annotations

from django.urls import path

from designer.live.consumers import DesignConsumer, HealthConsumer, PreviewConsumer

websocket_urlpatterns = [
    path("ws/health/", HealthConsumer.as_asgi()),
    path("ws/preview/", PreviewConsumer.as_asgi()),
    path("ws/designs/<str:design_id>/", DesignConsumer.as_asgi()),
]
