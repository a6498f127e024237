"""The shop's admin: the catalogue, carts (to look at) and orders, one module each."""

from shop.admin import cart, catalogue, orders  # noqa: F401  (each registers its models)
