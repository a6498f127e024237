"""Who must sign in with a second step, and who has passed it: one rule for the admin and for
previews of what the public cannot see."""

from django.conf import settings
from django_otp import user_has_device


def must_use_two_factor(user):
    """Superusers and the groups named in OTP_REQUIRED_GROUPS (Shop managers: orders and donors'
    addresses), or every staff member with OTP_REQUIRED_FOR_ALL_STAFF."""
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser or settings.OTP_REQUIRED_FOR_ALL_STAFF:
        return True
    return user.groups.filter(name__in=settings.OTP_REQUIRED_GROUPS).exists()


def needs_code(user):
    """Whether this person's sign-in asks for a code: everyone who must, and anyone who chose to
    enrol a device (a phone set up is a phone used). Kept on the user object, which lives for one
    request: the admin asks three times per page (its wrapper, the view, the page's context),
    and the answer changes only by enrolling, after which the person is sent on at once."""
    if "_needs_code" not in user.__dict__:
        user.__dict__["_needs_code"] = must_use_two_factor(user) or user_has_device(
            user, confirmed=True
        )
    return user.__dict__["_needs_code"]


def is_verified(user):
    """Signed in with a code in this session. `is_verified` comes from django-otp's middleware;
    a user object it has not seen (just signed in, made in a test) has not given one."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def has_passed_two_factor(user):
    """Signed in with the code when one is asked for."""
    return is_verified(user) or not needs_code(user)
