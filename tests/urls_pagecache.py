"""Tiny views behind the page cache, to test the cache itself apart from any app."""

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template import engines
from django.urls import path
from django.views.decorators.http import require_POST

from freedomstory.core.pagecache import public_page

calls = {"count": 0}

FORM = engines["django"].from_string(
    "<p>render number {{ number }}</p>"
    '<form method="post" action="/submit/">{% csrf_token %}<button>Send</button></form>'
)


def counted_page(request):
    calls["count"] += 1
    return HttpResponse(f"render number {calls['count']}")


def page_with_a_form(request):
    calls["count"] += 1
    return HttpResponse(FORM.render({"number": calls["count"]}, request))


def page_asking_for_a_token_in_code(request):
    calls["count"] += 1
    return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")


def page_touching_the_session(request):
    calls["count"] += 1
    return HttpResponse(f"visits: {request.session.get('visits', 0)}")


@require_POST
def submit(request):
    return HttpResponse("accepted")


def leave_a_message(request):
    messages.success(request, "Saved for you alone.")
    return redirect("/with-messages/")


def page_showing_messages(request):
    calls["count"] += 1
    shown = " ".join(str(message) for message in messages.get_messages(request))
    return HttpResponse(f"render number {calls['count']} {shown}")


urlpatterns = [
    path("counted/", public_page(counted_page, query=("page",))),
    path("form/", public_page(page_with_a_form)),
    path("with-token/", public_page(page_asking_for_a_token_in_code)),
    path("with-session/", public_page(page_touching_the_session)),
    path("with-messages/", public_page(page_showing_messages)),
    path("leave-message/", leave_a_message),
    path("submit/", submit),
]
