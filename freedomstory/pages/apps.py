from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "freedomstory.pages"
    label = "pages"
    verbose_name = "Site pages"

    def ready(self):
        from freedomstory.pages import signals  # noqa: F401  (connects the cache retirement)
