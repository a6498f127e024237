"""The contact form's e-mail to staff. Pages may not use the shop's e-mail code (the apps stay
apart), so this is a small sender of its own, with the same charity footer as every e-mail."""

import logging
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from freedomstory.core.charity import charity_context

logger = logging.getLogger(__name__)


def send_contact_message(name, email, message):
    """E-mail staff what `name` <`email`> wrote, replying to them. Returns whether it went; never
    raises, because the sender has been thanked already."""
    context = charity_context() | {"name": name, "email": email, "message": message}
    try:
        mail = EmailMultiAlternatives(
            subject=f"Contact form: {name}",
            body=render_to_string("emails/contact_message.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=list(settings.STAFF_NOTIFICATION_EMAILS),
            reply_to=[formataddr((name, email))],
        )
        html = render_to_string("emails/contact_message.html", context)
        mail.attach_alternative(html, "text/html")
        mail.send()
    except Exception:
        logger.exception("could not send a contact form message from %s", email)
        return False
    return True
