from django.apps import AppConfig


class WordPressConfig(AppConfig):
    name = "freedomstory.wordpress"
    label = "wordpress"
    verbose_name = "Moved in from WordPress"
