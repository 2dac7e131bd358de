from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Web and API plumbing shared by every app: error bodies, API policies, form rendering."""

    name = "core"
