"""Site pages answer at their own address: the catch-all the site's urls.py includes last, so
every other route is tried first (and freedomstory/pages/addresses.py keeps pages off theirs)."""

from django.urls import re_path

from freedomstory.pages.views import site_page

app_name = "pages"

urlpatterns = [
    # One or more slugs, each a SlugField's letters, digits, hyphens and underscores.
    re_path(r"^(?P<path>[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*)/$", site_page, name="page"),
]
