import logging
import sys

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import TemplateView

from freedomstory.context_processors import site as site_context
from freedomstory.core import csp_reports
from freedomstory.core.clients import client_address
from freedomstory.core.languages import address_language
from freedomstory.core.release import current_release, static_files_manifest
from freedomstory.core.siteurl import absolute
from freedomstory.core.unavailable import is_unavailable, unavailable_response
from freedomstory.pages.context_processors import footer_context
from news.home import home_context as news_home_context
from shop.home import home_context as shop_home_context
from shop.middleware import held_count
from shop.wording import count_text

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(news_home_context())
        context.update(shop_home_context())
        return context


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cart/",
        "Disallow: /checkout/",
        "Disallow: /orders/",
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 503 only when the database does not answer. Without its cache the
    site is slower but right (freedomstory/core/cache.py), so it stays in rotation: 200 with
    status "degraded". One query and one cache round trip, never cached. It names the release
    and the static files' manifest (also in X-Release), so hosts that differ show it."""
    checks = {"database": "ok" if _database_answers() else "unavailable"}
    checks["cache"] = "ok" if _cache_answers() else "unavailable"
    if checks["database"] != "ok":
        status = "unavailable"
    elif checks["cache"] != "ok":
        status = "degraded"
    else:
        status = "ok"
    response = JsonResponse(
        {
            "status": status,
            **checks,
            "release": current_release(),
            "static": static_files_manifest(),
        },
        status=503 if status == "unavailable" else 200,
    )
    response["X-Release"] = current_release()
    return response


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return False
    return True


def _cache_answers():
    # SafeRedisCache asks Redis itself (its get and set answer as a miss when Redis is down);
    # the other backends show it by a round trip.
    healthy = getattr(cache, "healthy", None)
    if callable(healthy):
        return healthy()
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:
        logger.exception("health check: cache unreachable")
        return False


@csrf_exempt  # browsers post reports without a token, and a report changes nothing
@never_cache
@require_POST
def csp_report(request):
    """Where browsers report what the Content-Security-Policy blocked: logged, answered 204."""
    try:
        found = csp_reports.violations(csp_reports.read_body(request))
    except csp_reports.BadReport as error:
        status = 413 if isinstance(error, csp_reports.TooLarge) else 400
        return HttpResponse(str(error), status=status, content_type="text/plain; charset=utf-8")
    csp_reports.log(found, client_address(request))
    return HttpResponse(status=204)


def bad_request(request, exception=None):
    """The 400 page (handler400, and the page freedomstory/core/badrequest.py refuses with), in
    the site's look, without the request's context processors, like the 500 page: what is wrong
    with the request may be what they would read. Not Django's default view, whose CSRF check
    reads again a form that could not be read and turned the 400 into a 500."""
    with translation.override(address_language(request.path_info)):
        return HttpResponseBadRequest(
            loader.get_template("400.html").render(_error_page_context(request))
        )


def server_error(request):
    """The 500 page in the site's look, rendered without the request's context processors:
    whatever broke the page may be what they need. A database that cannot be reached is no bug:
    503 and "try again in a moment" (freedomstory/core/unavailable.py)."""
    # In the address's language even when what failed ran before the language was set.
    with translation.override(address_language(request.path_info)):
        context = _error_page_context(request)
        if is_unavailable(sys.exception()):
            return unavailable_response(context)
        return HttpResponseServerError(loader.get_template("500.html").render(context))


def _error_page_context(request):
    """What the header and footer show, from settings and the visitor's cookie alone: the 503
    page says the cart is as it was, so its header shows the count the visitor saw."""
    return {
        **site_context(request),
        **footer_context(),
        "LANGUAGE_CODE": translation.get_language(),
        "cart_count_text": count_text(held_count(request)),
    }
