from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared layer as an app: its template tags, and the images inside rich text."""

    name = "freedomstory.core"
    label = "core"
    verbose_name = "Shared"
