"""The one way the site sends an e-mail: text and HTML, the charity's footer.

Every e-mail is sent by a background task (freedomstory/core/tasks.py), after whatever asked for
it (an order, a payment, a contact message) is committed. So `send` raises when the e-mail does
not go: the task is tried again later and, when it keeps failing, logged as an error for staff,
and the order or payment stands whatever the mail server does.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from freedomstory.core.charity import charity_context


def send(subject, template, context, recipients, reply_to=None):
    """Send `template`.txt, with `template`.html as its HTML part, to `recipients`.

    The context always holds `charity_context()` (the footer's name, address, registration and
    contact). Raises what the template or the mail server raised."""
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
