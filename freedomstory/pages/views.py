from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView

from freedomstory.core.clients import client_address
from freedomstory.core.languages import show_translation_of
from freedomstory.core.pagecache import public_page
from freedomstory.core.preview import may_preview
from freedomstory.pages import contact
from freedomstory.pages.forms import ContactForm
from freedomstory.pages.models import Page


class PageView(DetailView):
    """A site page at its address; the Contact page with its form under the body.

    GET is served from the shared page cache (freedomstory/pages/urls.py); the form's token goes
    through the cache's marker. POST is never cached: it is the contact form, answered with a
    redirect and a thank-you (or the page again, with what was typed, on a problem).
    """

    serves_site_pages = True  # freedomstory/pages/addresses.py: not an address a page could take
    template_name = "pages/page.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        self.staff_preview = may_preview(self.request, "pages.change_page")
        pages = Page.objects.all() if self.staff_preview else Page.objects.published()
        return get_object_or_404(pages, path=self.kwargs["path"])

    def get_context_data(self, **kwargs):
        page = self.object
        context = {
            "children": Page.objects.published().filter(parent=page).only("title", "path"),
            "ancestors": self._ancestors(page),
            # Only staff can see a page the public cannot; asked only for them.
            "preview": self.staff_preview
            and not Page.objects.published().filter(pk=page.pk).exists(),
            **show_translation_of(self.request, page),
        }
        if page.is_contact_page:
            context["contact_form"] = kwargs.pop("contact_form", None) or ContactForm()
        return super().get_context_data(**context, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["preview"]:
            add_never_cache_headers(response)  # a staff preview must never be stored anywhere
        return response

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_contact_page:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        form = ContactForm(request.POST)
        if not form.is_valid():
            return self._again(form, status=400)
        if contact.submit(form, client_address(request)) is contact.Outcome.TOO_MANY:
            return self._again(form, status=429, problem=contact.too_many_text())
        messages.success(request, contact.THANKS)
        return redirect(self.object)

    def _again(self, form, status, problem=None):
        context = self.get_context_data(contact_form=form, contact_problem=problem)
        return self.render_to_response(context, status=status)

    @staticmethod
    def _ancestors(page):
        """The pages above this one, top first, for the breadcrumbs (no query for a top page)."""
        if not page.parent_id:
            return []
        parts = page.path.split("/")[:-1]
        paths = ["/".join(parts[: depth + 1]) for depth in range(len(parts))]
        return Page.objects.filter(path__in=paths).only("title", "path").order_by("path")


# What the routes serve: the page through the shared cache (a POST always reaches the view).
site_page = public_page(PageView.as_view())
