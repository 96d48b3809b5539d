from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Periods, targets, results and ratings"

    def ready(self):
        from . import signals  # noqa: F401
