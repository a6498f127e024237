from django.apps import AppConfig


class FreedomstoryConfig(AppConfig):
    name = "freedomstory"
    verbose_name = "Site"
