"""`import_wordpress`'s work, in one transaction: all of an export or nothing.

Order matters: categories before the posts that use them, parent pages before their children,
attachments indexed before anything shows an image. Each kind's mapping lives in content.py and
products.py; this module decides what is taken at all and keeps the report.
"""

from django.db import transaction

from freedomstory.wordpress import content
from freedomstory.wordpress.media import Media
from freedomstory.wordpress.products import ProductImporter
from freedomstory.wordpress.records import Decision, Records
from freedomstory.wordpress.report import Report

# What the site takes; every other post type is counted and left (attachments come in with
# what shows them).
TAKEN = {"post", "page", "product", "product_variation", "attachment"}


class DryRunFinished(Exception):
    """Raised at the end of a dry run to undo everything it did."""


class Importer:
    def __init__(self, export, uploads=None, author=None, dry_run=False):
        self.export = export
        self.dry_run = dry_run
        self.uploads = uploads
        self.author = author
        self.report = Report(dry_run=dry_run)
        self.records = self.media = None

    def run(self):
        try:
            with transaction.atomic():
                try:
                    self._run()
                except BaseException:
                    # The rows go with the transaction; the files this run wrote go here.
                    if self.media is not None:
                        self.media.undo()
                    raise
                if self.dry_run:
                    raise DryRunFinished
        except DryRunFinished:
            pass
        return self.report

    def _run(self):
        export = self.export
        self.records = Records(export.site_url or export.blog_url)
        self.media = Media(export, self.uploads, self.records, self.report, self.dry_run)
        self.bodies = content.Bodies(self.media)
        self.authors = content.Authors(export, self.author)
        self.categories = content.Categories(self)
        for term in export.terms:
            if term.taxonomy in content.POST_TERMS:
                self.categories.get(term)
        product_categories = {t.slug for t in export.terms if t.taxonomy == "product_cat"}
        for item in export.items:
            if item.post_type not in TAKEN:
                self.report.not_imported[item.post_type] += 1
            product_categories |= {t.slug for t in item.terms if t.taxonomy == "product_cat"}
            if item.comment_count:
                self.report.not_imported["comments"] += item.comment_count
        if product_categories:  # the shop has no categories of its own
            self.report.not_imported["product categories"] = len(product_categories)
        for item in pages_parents_first(export.items):
            content.import_page(self, item)
        for item in export.items:
            if item.post_type == "post":
                content.import_post(self, item)
        products = ProductImporter(self, export)
        for item in export.items:
            if item.post_type == "product":
                products.run(item)

    def take(self, decision, kind, who, item, record):
        """Whether to write this item now; counts and reports the ones left as they are."""
        if decision in (Decision.CREATE, Decision.UPDATE):
            if item.status == "trash" and kind != "products":
                self.report.count(kind, "skipped")
                self.report.problem(
                    f"{who} “{content.text(item.title)}”: in WordPress's trash; not taken"
                )
                return False
            return True
        self.report.count(kind, "skipped")
        if decision == Decision.EDITED_HERE:
            self.report.skipped_here.append(
                f"{who} “{content.text(item.title)}”: edited here since it was imported; "
                "left as it is"
            )
        elif decision == Decision.DELETED_HERE:
            self.report.skipped_here.append(
                f"{who} “{content.text(item.title)}”: deleted here since it was imported; "
                "not brought back"
            )
        return False


def pages_parents_first(items):
    pages = {item.wp_id: item for item in items if item.post_type == "page"}
    placed, ordered = set(), []
    for item in sorted(pages.values(), key=lambda page: (page.menu_order, page.wp_id)):
        # The page and its ancestors not placed yet, nearest first; a loop stops where it meets
        # itself. A loop, not recursion: a hostile export's chain is deeper than Python's stack.
        chain, parent = [item.wp_id], pages.get(item.parent_id)
        while parent is not None and parent.wp_id not in placed and parent.wp_id not in chain:
            chain.append(parent.wp_id)
            parent = pages.get(parent.parent_id)
        for wp_id in reversed(chain):
            if wp_id not in placed:
                placed.add(wp_id)
                ordered.append(pages[wp_id])
    return ordered
