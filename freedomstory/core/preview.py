"""Who may see what the public cannot (drafts, unpublished pages)."""

from django.conf import settings


def is_staff_preview(request):
    """Staff, asked without loading a session for anyone else: only a visitor with a session
    cookie can be staff, and asking anyone else's `user` would stop their page from being
    shared (freedomstory/core/pagecache.py)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_staff
