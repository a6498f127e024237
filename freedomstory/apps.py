from django.apps import AppConfig


class FreedomstoryConfig(AppConfig):
    name = "freedomstory"
    verbose_name = "Site"

    def ready(self):
        from freedomstory import checks  # noqa: F401  (registers the deploy checks)
