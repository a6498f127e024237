"""The shop's admin: the catalogue, carts (to look at), giving and orders, one module each."""

from shop.admin import cart, catalogue, giving, orders  # noqa: F401  (each registers its models)
