from django.apps import AppConfig


class CoreConfig(AppConfig):
    """An app only so that its template tags load; it has no models."""

    name = "freedomstory.core"
    label = "core"
    verbose_name = "Shared"
