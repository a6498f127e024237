"""A page saved before a route took its address is served by that route from then on (the
catch-all comes last). The model refuses such a slug when a page is saved; this names the pages
already stored, when `migrate` or `check --database default` runs at deploy."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from freedomstory.pages.addresses import taken_by_the_site
from freedomstory.pages.models import Page


@register(Tags.database)
def pages_hidden_by_routes(app_configs=None, databases=None, **kwargs):
    hidden = []
    for alias in databases or ():
        try:
            pages = list(Page.objects.using(alias).values_list("title", "path"))
        except DatabaseError:
            continue  # a database migrate has not made the table in yet
        for title, path in pages:
            taken = taken_by_the_site(path)
            if taken:
                hidden.append(
                    Warning(
                        f"The site page “{title}” at /{path}/ is hidden: the site's own "
                        f"addresses starting with {taken} answer there.",
                        hint="Give the page another slug in the admin (Site pages).",
                        obj=f"/{path}/",
                        id="pages.W001",
                    )
                )
    return hidden
