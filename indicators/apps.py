from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"

    def ready(self):
        from indicators.figure_cache import connect_signals

        connect_signals()
