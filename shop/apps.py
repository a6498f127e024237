from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = "Shop"

    def ready(self):
        from freedomstory.core import pagecache
        from shop import context_processors, signals  # noqa: F401  (signals: cache retirement)
        from shop.payments import stripe_client

        stripe_client.configure()

        pagecache.register_slot(context_processors.COUNT_SLOT, context_processors.header_count_text)
