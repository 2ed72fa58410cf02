from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "designer.live"
    label = "live"
