"""The contact form's e-mail to staff, through the site's one sender (freedomstory.core.emails)."""

from email.utils import formataddr

from django.conf import settings
from django.utils import translation

from freedomstory.core.emails import send
from freedomstory.core.tasks import background_task


@background_task()
def send_contact_message(*, name, email, message):
    """E-mail staff what `name` <`email`> wrote, replying to them. Keyword arguments only: the
    task's log names them and never shows what they hold. In the staff's language (the site's
    default), whichever language the visitor wrote from."""
    with translation.override(settings.LANGUAGE_CODE):
        _send_to_staff(name, email, message)


def _send_to_staff(name, email, message):
    send(
        f"Contact form: {name}",
        "emails/contact_message",
        {"name": name, "email": email, "message": message},
        settings.STAFF_NOTIFICATION_EMAILS,
        reply_to=[formataddr((name, email))],
    )
