from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo RAA that `make run` builds, written through the services."""

    name = "demo"
