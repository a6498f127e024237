from freedomstory.core.pagecache import canonical_url, csrf_marker, is_shared_render


def page(request):
    """The page's canonical address and, in a shared render, a marker for the CSRF token.

    Django's own csrf processor runs first; in a shared render this one's `csrf_token` wins,
    so `{% csrf_token %}` writes a marker that each response fills with its visitor's token.
    """
    if request is None or not hasattr(request, "path"):
        return {}
    context = {"canonical_url": canonical_url(request)}
    if is_shared_render(request):
        context["csrf_token"] = csrf_marker()
    return context
