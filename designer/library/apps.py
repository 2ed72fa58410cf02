from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "designer.library"
    label = "library"
    verbose_name = "Design library"
