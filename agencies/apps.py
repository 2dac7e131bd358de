from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = "Agencies, staff and audit"

    def ready(self):
        from agencies import tokens  # noqa: F401  (connects the token revocation receivers)
