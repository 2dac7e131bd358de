from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IndicatorsConfig(AppConfig):
    name = "indicators"

    def ready(self):
        from indicators.figure_cache import connect_signals, drop_other_definitions

        connect_signals()
        post_migrate.connect(drop_other_definitions, sender=self)
