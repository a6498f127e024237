from django.apps import AppConfig


class ShopConfig(AppConfig):
    verbose_name = "Shop"
    name = "shop"
