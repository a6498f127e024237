"""WordPress's words into ours: authors, categories (and tags), posts with their pull quotes,
and pages with their hierarchy.

Every body goes through one path (`Bodies.make`): block comments and shortcodes resolved by
bodies.py, images taken from --uploads or left out, then the same sanitiser as the admin (the
rich-text field's), with pull quotes placed after the block they followed.
"""

import html
import re
from datetime import UTC
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import Truncator, slugify

from freedomstory.core.richtext import plain_text, sanitize_html, split_blocks
from freedomstory.pages.models import Page
from freedomstory.wordpress import bodies
from freedomstory.wordpress.models import ImportedItem
from freedomstory.wordpress.records import Decision, fingerprint
from news.models import Category, Post, Quote

# What WooCommerce puts on the pages it makes for itself: an empty published page here (the
# shortcode removed), at an address such as /my-account/ that this site does not have.
WOOCOMMERCE_PAGE = re.compile(
    r"\[woocommerce_(?:cart|checkout|my_account|order_tracking)\b"
    r"|<!-- wp:woocommerce/(?:cart|checkout|classic-shortcode)\b"
)

# Tags become categories: the site has no tags of its own, and a tag's archive is a list of
# posts, as a category's is (its old /tag/… address answers 301 to the category).
POST_TERMS = {"category": "category", "post_tag": "tag"}


def text(value, limit=None):
    """Plain text of a WordPress title or name: they carry HTML entities ("Books &amp; bags"),
    and sometimes tags ("<em>Ban Yang</em> school"), which WordPress showed as markup."""
    value = plain_text(value or "")
    return value[:limit] if limit else value


def path_of(link):
    """The old address's path ("/2021/03/new-classrooms/") from an item's <link>, decoded as a
    request's path is (WordPress writes Thai and other slugs percent-encoded)."""
    path = unquote(urlsplit(link or "").path)
    return path if path not in ("", "/") else ""


def slug_for(wordpress_slug, title, fallback):
    """Our slug: WordPress's as the address reads it ("%e0%b8%82…" is Thai), else the title's;
    `fallback` ("post-123") when neither has a Latin letter or digit to keep."""
    return slugify(unquote(wordpress_slug or "")) or slugify(title) or fallback


def id_in(value):
    """The WordPress id a meta value names ("37"), or None."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 20 else None


def describe(errors):
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())


class Authors:
    def __init__(self, export, fallback):
        self.export = export
        self.fallback = fallback
        self.users = {}

    def user_for(self, login):
        if login not in self.users:
            self.users[login] = self._find_or_make(login)
        return self.users[login]

    def _find_or_make(self, login):
        User = get_user_model()
        author = self.export.authors.get(login)
        email = author.email[:254] if author else ""  # an EmailField's length
        staff = User.objects.filter(is_staff=True)
        found = staff.filter(username=login).first() if login else None
        if found is None and email:
            found = staff.filter(email__iexact=email).first()
        if found is not None:
            return found
        if self.fallback is not None:
            return self.fallback
        if not login:
            return None
        # A byline for someone who has no account here: staff, not able to sign in.
        username, number = login[:150], 2
        while User.objects.filter(username=username).exists():
            username, number = f"{login[:140]}-{number}", number + 1
        first, _, last = (author.display_name if author else login).partition(" ")
        user = User(username=username, email=email, is_staff=True, is_active=False)
        user.first_name, user.last_name = first[:150], last[:150]
        user.set_unusable_password()
        user.save()
        return user


class Categories:
    def __init__(self, importer):
        self.importer = importer
        self.by_key = {}
        self.parents = {(t.taxonomy, t.slug): t.parent_slug for t in importer.export.terms}

    def for_item(self, item):
        found = []
        for term in item.terms:
            if term.taxonomy in POST_TERMS:
                category = self.get(term)
                if category is not None:
                    found.append(category)
        return found

    def get(self, term):
        key = f"{term.taxonomy}:{term.slug}"
        if key not in self.by_key:
            self.by_key[key] = self._find_or_make(term, key)
        return self.by_key[key]

    def _find_or_make(self, term, key):
        records, report = self.importer.records, self.importer.report
        name = text(term.name, 80) or term.slug[:80]
        source = fingerprint(name, term.slug)
        record = records.get(ImportedItem.Kind.CATEGORY, key)
        if record is not None:
            report.count("categories", "skipped")
            if record.target is None:
                report.skipped_here.append(
                    f"{POST_TERMS[term.taxonomy]} {term.slug} “{name}”: deleted here since it was "
                    "imported; not brought back"
                )
            return record.target
        # A term has no id in the export: its own slug, hashed, tells Thai tags apart (with one
        # fallback for all, the first one's category was found and taken for every other).
        slug = slug_for(term.slug, name, f"category-{fingerprint(term.slug)[:8]}")[:80]
        category = (
            Category.objects.filter(slug=slug).first()
            or Category.objects.filter(name__iexact=name).first()
        )
        if category is None:
            category = Category.objects.create(name=name, slug=self._free_slug(slug))
            report.count("categories", "imported")
        else:
            report.count("categories", "skipped")
        old_path = f"/{POST_TERMS[term.taxonomy]}/{self._old_path(term)}/"
        records.keep(ImportedItem.Kind.CATEGORY, key, category, source, "", old_path)
        return category

    def _old_path(self, term):
        """A child category's WordPress address names its parents: "education/scholarships"."""
        slugs, slug = [], term.slug
        while slug and slug not in slugs:  # a loop of parents ends where it meets itself
            slugs.append(slug)
            slug = self.parents.get((term.taxonomy, slug), "")
        return "/".join(unquote(slug) for slug in reversed(slugs))

    @staticmethod
    def _free_slug(slug):
        candidate, number = slug, 2
        while Category.objects.filter(slug=candidate).exists():
            candidate, number = f"{slug[:75]}-{number}", number + 1
        return candidate


class Bodies:
    """One path for every body: converted, images taken or left out, sanitised."""

    def __init__(self, media):
        self.media = media

    def make(self, content, who, pull_quotes=True):
        """(sanitised HTML, [(PullQuote, position)]) for WordPress content. Without
        `pull_quotes` (pages and products have none), quotes stay quotations in the text."""
        converted = bodies.convert(content or "")
        for warning in converted.warnings:
            self.media.report.problem(f"{who}: {warning}")
        html_so_far, quotes = "", []
        for part in converted.parts:
            if isinstance(part, bodies.PullQuote) and part.speaker and pull_quotes:
                quotes.append((part, len(split_blocks(html_so_far))))
            elif isinstance(part, bodies.PullQuote):
                # Words nobody is named for: a quotation in the text, not a pull quote.
                html_so_far += quotation(part)
            else:
                html_so_far += sanitize_html(self._with_images(part, who))
        return html_so_far, quotes

    def _with_images(self, html_part, who):
        found = bodies.images(html_part)
        if not found:
            return html_part
        replacements = {ref.src: self.media.body_image(ref.src, ref.alt, who) for ref in found}
        return bodies.replace_images(html_part, replacements)


def quotation(quote):
    """A quote as a blockquote in the text, with its speaker when it has one."""
    lines = [f"<p>{html.escape(quote.text)}</p>"]
    if quote.speaker:
        attribution = ", ".join(part for part in (quote.speaker, quote.role) if part)
        lines.append(f"<p>– {html.escape(attribution)}</p>")
    return sanitize_html(f"<blockquote>{''.join(lines)}</blockquote>")


def publication(item):
    """(status, publish time) by WordPress's status: never public when it was not public."""
    when = item.published_gmt
    if when is None and item.published_local is not None:
        when = timezone.make_aware(item.published_local)
    when = when or timezone.now()
    if item.password:
        return Post.Status.DRAFT, when  # password-protected: never public here
    if item.status == "publish" or item.status == "future":
        return Post.Status.PUBLISHED, when  # a future time schedules it
    return Post.Status.DRAFT, when


def post_fingerprint(post):
    # Featured or hidden by staff counts as an edit: an update makes the quotes again.
    quotes = [
        (q.text, q.speaker_name, q.speaker_role, q.position, q.is_featured, q.is_public)
        for q in post.quotes.order_by("position", "pk")
    ]
    categories = sorted(post.categories.values_list("pk", flat=True))
    return fingerprint(
        post.title,
        post.slug,
        post.body,
        post.excerpt,
        post.status,
        post.published_at.astimezone(UTC).isoformat(),
        post.author_id,
        post.image.name,
        post.image_alt,
        categories,
        quotes,
    )


def import_post(importer, item):
    records, report = importer.records, importer.report
    who = f"post {item.wp_id}"
    source = fingerprint(
        item.title,
        item.slug,
        item.content,
        item.excerpt,
        item.status,
        str(item.published_gmt),
        item.password,
        item.author_login,
        [(t.taxonomy, t.slug) for t in item.terms],
        item.meta.get("_thumbnail_id", ""),
    )
    decision, record = records.decide(ImportedItem.Kind.POST, item.wp_id, source, post_fingerprint)
    if not importer.take(decision, "posts", who, item, record):
        if record is not None and record.target is not None:
            report.count("quotes", "skipped", record.target.quotes.count())
        return
    post = record.target if record is not None else Post()
    post.title = text(item.title, 200) or "Untitled"
    post.slug = unique_post_slug(slug_for(item.slug, post.title, f"post-{item.wp_id}"), post.pk)
    post.body, quotes = importer.bodies.make(item.content, who)
    # Sanitised first: a <style>'s or <script>'s insides are not words.
    post.excerpt = Truncator(plain_text(sanitize_html(item.excerpt))).chars(500)
    post.status, post.published_at = publication(item)
    post.author = importer.authors.user_for(item.author_login)
    thumbnail = id_in(item.meta.get("_thumbnail_id"))
    if thumbnail is not None:
        alt = importer.media.put(post, "image", thumbnail, who)
        if alt is not None:
            post.image_alt = alt
            report.count("images", "imported")
    try:
        post.full_clean(exclude=["image"])
    except ValidationError as error:
        report.problem(f"{who} “{post.title}”: {describe(error.message_dict)}")
        return
    post.save()
    post.categories.set(importer.categories.for_item(item))
    post.quotes.all().delete()
    for quote, position in quotes:
        Quote.objects.create(
            post=post,
            text=quote.text[:800],
            speaker_name=quote.speaker[:120] or "Unknown",
            speaker_role=quote.role[:120],
            position=max(position, 1),
        )
    report.count("quotes", "imported", len(quotes))
    records.keep(
        ImportedItem.Kind.POST, item.wp_id, post, source, post_fingerprint(post), path_of(item.link)
    )
    report.count("posts", "imported" if decision == Decision.CREATE else "updated")


def unique_post_slug(wanted, own_pk):
    base = slugify(wanted)[:190] or "post"
    slug, number = base, 2
    while Post.objects.filter(slug=slug).exclude(pk=own_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def page_fingerprint(page):
    return fingerprint(page.title, page.slug, page.body, page.parent_id, page.published)


def import_page(importer, item):
    records, report = importer.records, importer.report
    who = f"page {item.wp_id}"
    source = fingerprint(
        item.title, item.slug, item.content, item.status, item.parent_id, item.password
    )
    decision, record = records.decide(ImportedItem.Kind.PAGE, item.wp_id, source, page_fingerprint)
    if not importer.take(decision, "pages", who, item, record):
        return
    if WOOCOMMERCE_PAGE.search(item.content):
        report.count("pages", "skipped")
        report.problem(
            f"{who} “{text(item.title)}”: WooCommerce's own page (its cart, checkout or account), "
            "made by WooCommerce when shown; the shop here has its own; not taken"
        )
        return
    page = record.target if record is not None else Page()
    page.title = text(item.title, 200) or "Untitled"
    parent_record = records.get(ImportedItem.Kind.PAGE, item.parent_id) if item.parent_id else None
    page.parent = parent_record.target if parent_record is not None else None
    if item.parent_id and page.parent is None:
        report.problem(
            f"{who} “{page.title}”: its parent page {item.parent_id} was not taken; "
            "it is a top-level page here"
        )
    page.body, _ = importer.bodies.make(item.content, who, pull_quotes=False)
    page.published = item.status == "publish" and not item.password
    page.slug = slug_for(item.slug, page.title, f"page-{item.wp_id}")[:100]
    try:
        page.full_clean()
    except ValidationError as error:
        report.problem(f"{who} “{page.title}”: {describe(error.message_dict)}")
        return
    page.save()
    records.keep(
        ImportedItem.Kind.PAGE, item.wp_id, page, source, page_fingerprint(page), path_of(item.link)
    )
    report.count("pages", "imported" if decision == Decision.CREATE else "updated")
