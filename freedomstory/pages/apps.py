from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "freedomstory.pages"
    label = "pages"
    verbose_name = "Site pages"

    def ready(self):
        # Connect the cache retirement and register the check for pages hidden by a route.
        from freedomstory.pages import checks, signals  # noqa: F401
