"""Old WordPress addresses keep working after the move: each answers 301 to the new address.

Only what would otherwise fail costs anything: a page not found looks its path up once among
the imported items, and the home page's `?p=123` / `?page_id=123` (WordPress's plain links) look
up that id. The new address is asked of the object each time, so a slug changed here later is
followed too.
"""

from django.http import HttpResponsePermanentRedirect

from freedomstory.pages.models import Page
from freedomstory.wordpress.models import ImportedItem
from news.models import Post
from shop.models import Product

# WordPress's plain links: /?p=ID (posts, and products as ?post_type=product&p=ID) and
# /?page_id=ID.
QUERY_KINDS = {
    "p": (ImportedItem.Kind.POST, ImportedItem.Kind.PRODUCT),
    "page_id": (ImportedItem.Kind.PAGE,),
}


class OldAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD"):
            redirect = _from_query(request.GET)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return _from_path(request.path) or response
        return response


def _from_query(query):
    for name, kinds in QUERY_KINDS.items():
        value = query.get(name, "")
        # ASCII digits only ("²" is a digit int() refuses), and no longer than an id can be
        # (int() refuses 4,300 digits and more).
        if value.isascii() and value.isdigit() and len(value) <= 20:
            items = ImportedItem.objects.filter(kind__in=kinds, key=str(int(value)))
            if name == "p" and query.get("post_type") == "product":
                items = items.filter(kind=ImportedItem.Kind.PRODUCT)
            return _redirect_to(items)
    return None


def _from_path(path):
    if len(path) > 500:
        return None
    variants = {path, path.rstrip("/") + "/", path.rstrip("/") or "/"}
    # WordPress found /2021/03/New-Classrooms/ too (its slugs are lower case, its database's
    # comparisons not).
    variants |= {variant.lower() for variant in variants}
    return _redirect_to(ImportedItem.objects.filter(old_path__in=variants))


def _redirect_to(items):
    for item in items.select_related("content_type").order_by("pk"):
        address = getattr(item.target, "get_absolute_url", None)  # gone, or an image
        if address is not None and _is_public(item.target):
            return HttpResponsePermanentRedirect(address())
    return None


# Each kind's own rule for what the public sees. A draft's or a private post's address names
# it (its slug is its title): WordPress answered 404 to the public, and so do we.
PUBLIC = {
    Post: lambda: Post.objects.published(),
    Page: lambda: Page.objects.published(),
    Product: lambda: Product.objects.active(),
}


def _is_public(target):
    rule = PUBLIC.get(type(target))
    return rule is None or rule().filter(pk=target.pk).exists()
