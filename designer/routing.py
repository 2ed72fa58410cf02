"""Websocket routes, one consumer per topic."""

from __future__ import annotations

from django.urls import path

from designer.live.consumers import HealthConsumer

websocket_urlpatterns = [
    path("ws/health/", HealthConsumer.as_asgi()),
]
