"""The contact form's e-mail to staff, through the site's one sender (freedomstory.core.emails)."""

from email.utils import formataddr

from django.conf import settings

from freedomstory.core.emails import send


def send_contact_message(name, email, message):
    """E-mail staff what `name` <`email`> wrote, replying to them. Returns whether it went; never
    raises, because the sender has been thanked already."""
    return send(
        f"Contact form: {name}",
        "emails/contact_message",
        {"name": name, "email": email, "message": message},
        settings.STAFF_NOTIFICATION_EMAILS,
        reply_to=[formataddr((name, email))],
    )
