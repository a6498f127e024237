"""Re-sanitise post bodies stored before sanitising became the field's own job.

Until then a post loaded with loaddata or changed with update() was stored as it came, script
and all. The allow-list is copied here on purpose: a migration never imports project code, so a
later change to the live allow-list (or a refactor) cannot change what a fresh `migrate` does.
"""

import nh3
from django.db import migrations

CLEANER = nh3.Cleaner(
    tags={
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "a",
        "strong",
        "b",
        "em",
        "i",
        "blockquote",
        "figure",
        "figcaption",
    },
    attributes={"a": {"href", "title"}},
    url_schemes={"http", "https", "mailto"},
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitise(html):
    cleaned = CLEANER.clean(html or "").strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


def resanitise_post_bodies(apps, schema_editor):
    Post = apps.get_model("news", "Post")
    rows = Post.objects.using(schema_editor.connection.alias)
    # Collected first, written after: SQLite does not isolate writes from a running iterator.
    changed = []
    for pk, html in rows.values_list("pk", "body").iterator(chunk_size=500):
        cleaned = sanitise(html)
        if cleaned != html:
            changed.append((pk, cleaned))
    for pk, cleaned in changed:
        rows.filter(pk=pk).update(body=cleaned)


class Migration(migrations.Migration):
    dependencies = [("news", "0003_slug_help_text")]

    # What was removed cannot be put back, and clean text needs no undoing.
    operations = [migrations.RunPython(resanitise_post_bodies, migrations.RunPython.noop)]
