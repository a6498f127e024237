"""What the rich-text field promises beyond sanitising: safe when read, escaped when not stored,
lookups untouched, migrations free of project code, templates free of |safe."""

import re
from pathlib import Path

import pytest
from django.db.models import TextField, Value
from django.db.models.functions import Replace, Upper
from django.template import engines
from django.urls import reverse
from django.utils.safestring import SafeData

from freedomstory.core.richtext import RichTextField
from news.models import Post
from news.structure import body_with_pull_quotes
from tests.news.factories import make_post
from tests.richtext_cases import RICH_MODELS, write_with_update
from tests.shop.factories import make_product

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [
    ROOT / "templates",
    ROOT / "news" / "templates",
    ROOT / "shop" / "templates",
    ROOT / "freedomstory" / "pages" / "templates",
]


def render(source, **context):
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("kind", RICH_MODELS.values(), ids=RICH_MODELS.keys())
def test_rich_text_read_from_the_database_is_marked_safe(kind):
    pk = kind.make(**{kind.field: "<p>Hello</p>"}).pk
    instance = kind.model.objects.get(pk=pk)
    assert isinstance(getattr(instance, kind.field), SafeData)
    assert render("{{ html }}", html=getattr(instance, kind.field)) == "<p>Hello</p>"


@pytest.mark.parametrize("kind", RICH_MODELS.values(), ids=RICH_MODELS.keys())
def test_after_save_the_instance_holds_the_sanitised_text_ready_to_print(kind):
    instance = kind.model(**kind.new_fields, **{kind.field: "<p>Hi</p><script>alert(1)</script>"})
    instance.save()
    value = getattr(instance, kind.field)
    assert value == "<p>Hi</p>"
    assert render("{{ html }}", html=value) == "<p>Hi</p>"


@pytest.mark.parametrize("kind", RICH_MODELS.values(), ids=RICH_MODELS.keys())
def test_a_plain_string_assigned_but_never_saved_is_escaped_when_printed(kind):
    instance = kind.make()
    setattr(instance, kind.field, "<p>Not stored</p><script>alert(1)</script>")
    printed = render("{{ html }}", html=getattr(instance, kind.field))
    assert "<script" not in printed
    assert "&lt;p&gt;Not stored&lt;/p&gt;" in printed


def test_an_expression_computed_from_the_column_is_not_trusted():
    post = make_post(body="<p>Hello</p>")
    text = TextField()
    swapped = Replace(
        "body", Value("Hello", output_field=text), Value("<script>", output_field=text)
    )
    annotated = Post.objects.annotate(swapped=swapped, shouted=Upper("body")).get(pk=post.pk)
    # Both take their type from the body's field: only the check on the column keeps them unsafe.
    assert annotated.swapped == "<p><script></p>"
    assert not isinstance(annotated.swapped, SafeData)
    assert not isinstance(annotated.shouted, SafeData)


def test_lookups_search_for_exactly_what_was_typed():
    make_post(body="<p>Children stay in school.</p>")
    # Were lookups sanitised, "<script>" would become "" and match every post.
    assert not Post.objects.filter(body__icontains="<script>").exists()
    assert Post.objects.filter(body__contains="<p>Children stay").exists()


def test_the_admin_edit_form_shows_the_stored_html_escaped_in_its_textarea(admin_client):
    post = make_post(body="<p>Type &lt;b&gt; for bold</p>")
    html = admin_client.get(reverse("admin:news_post_change", args=[post.pk])).content.decode()
    # Escaped once more inside the textarea, so the editor receives the text "&lt;b&gt;", not a tag.
    assert "&lt;p&gt;Type &amp;lt;b&amp;gt; for bold&lt;/p&gt;" in html


def test_the_excerpt_is_taken_from_the_sanitised_body():
    post = make_post(body="<script>steal()</script><style>p{}</style><p>Real words here.</p>")
    assert post.excerpt == "Real words here."


def test_pull_quote_chunks_of_an_unsaved_body_are_sanitised_before_being_marked_safe():
    segments = body_with_pull_quotes("<p>One</p><script>alert(1)</script><p>Two</p>", [])
    assert "".join(segment.html for segment in segments) == "<p>One</p><p>Two</p>"
    assert all(isinstance(segment.html, SafeData) for segment in segments)


def test_the_feed_carries_the_sanitised_body(client):
    pk = write_with_update(RICH_MODELS["post"], "<p>In the feed</p><script>alert(1)</script>")
    feed = client.get(reverse("news:rss")).content.decode()
    assert "In the feed" in feed
    assert Post.objects.get(pk=pk).title in feed
    assert "alert(1)" not in feed
    assert "&lt;script" not in feed


def test_a_quote_mark_in_a_product_description_cannot_leave_the_meta_description(client):
    product = make_product(description='<p>Say " onmouseover="alert(1)" &amp; smile</p>')
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'content="Say &quot; onmouseover=&quot;alert(1)&quot; &amp; smile"' in html


def test_migrations_see_a_plain_text_field_without_editor_or_sanitiser():
    for kind in RICH_MODELS.values():
        name, path, args, kwargs = kind.model._meta.get_field(kind.field).deconstruct()
        assert (path, args, kwargs) == ("django.db.models.TextField", [], {"blank": True})


def test_a_rich_text_field_refuses_another_sanitiser_or_toolbar():
    with pytest.raises(TypeError):
        RichTextField(sanitize=lambda html: html)
    with pytest.raises(TypeError):
        RichTextField(config={"extensions": {"Bold": True}})


@pytest.mark.parametrize("folder", TEMPLATE_DIRS, ids=lambda folder: str(folder.relative_to(ROOT)))
def test_no_template_marks_anything_safe_by_itself(folder):
    # Rich text arrives marked safe from its field; anything else must be escaped.
    marked = [
        f"{template.relative_to(ROOT)}:{number}"
        for template in sorted(folder.rglob("*.html"))
        for number, line in enumerate(template.read_text().splitlines(), start=1)
        if re.search(r"\|\s*safe(seq)?\b", line)
    ]
    assert marked == []


@pytest.mark.django_db
def test_a_script_written_behind_the_fields_back_never_reaches_a_page(client):
    """update() with an SQL expression skips every field hook; reading sanitises anyway."""
    post = make_post(title="Bypass", body="<p>Fine.</p>")
    Post.objects.filter(pk=post.pk).update(body=Value("<p>x</p><img src=x onerror=alert(1)>"))
    html = client.get(post.get_absolute_url()).content.decode()
    assert "onerror" not in html and "<p>x</p>" in html
