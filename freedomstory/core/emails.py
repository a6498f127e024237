"""The one way the site sends an e-mail: text and HTML, the charity's footer, never raising.

Whatever asked for an e-mail (an order, a payment, a contact message) has already happened when
it is sent, so a failure to send is logged and never undoes it.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from freedomstory.core.charity import charity_context

logger = logging.getLogger(__name__)


def send(subject, template, context, recipients, reply_to=None):
    """Send `template`.txt, with `template`.html as its HTML part, to `recipients`.

    The context always holds `charity_context()` (the footer's name, address, registration and
    contact). Returns whether the e-mail went.
    """
    try:
        context = charity_context() | context
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=list(recipients),
            reply_to=reply_to,
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
        message.send()
    except Exception:
        logger.exception("could not send %r (%s)", subject, template)
        return False
    return True
