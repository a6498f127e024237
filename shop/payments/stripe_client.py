"""How the site talks to Stripe: each call waits at most STRIPE_TIMEOUT seconds and a call that
could not reach Stripe is tried again STRIPE_MAX_NETWORK_RETRIES times.

Stripe's own default waits 80 seconds, long enough to hold a donor's request (and a server
thread) well past the point where they give up. Set once, when the shop app is ready, on the
library's global client, which every call in shop/payments uses.
"""

import stripe
from django.conf import settings


def configure():
    stripe.max_network_retries = settings.STRIPE_MAX_NETWORK_RETRIES
    stripe.default_http_client = stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT)
