from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "designer.cli"
    label = "cli"
    verbose_name = "Command line"
