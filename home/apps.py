from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page and the service navigation: the top of the portal, above every app."""

    name = "home"
