"""Who may see what the public cannot (drafts, unpublished pages)."""

from django.conf import settings

from freedomstory.core.staff import has_passed_two_factor


def may_preview(request, permission):
    """Staff who may change that kind of content ("news.change_post"), and have passed the second
    sign-in step where it is asked of them. A Shop manager or a staff member with no group reads
    no drafts.

    Asked without loading a session for anyone else: only a visitor with a session cookie can be
    staff, and asking anyone else's `user` would stop their page from being shared
    (freedomstory/core/pagecache.py)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_staff and user.has_perm(permission) and has_passed_two_factor(user)
