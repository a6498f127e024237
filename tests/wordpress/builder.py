"""Small WordPress exports written on the spot, one odd item at a time."""

from io import StringIO
from xml.sax.saxutils import escape

from django.core.management import call_command

SITE = "https://old.example.org"
UPLOADS = f"{SITE}/wp-content/uploads/"


def cdata(value):
    return "<![CDATA[" + str(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def item(
    wp_id,
    post_type="post",
    *,
    title="",
    slug="",
    link=None,
    status="publish",
    content="",
    excerpt="",
    gmt="2021-03-15 02:30:00",
    parent=0,
    terms=(),
    meta=None,
    attachment_url="",
):
    """One <item>; `terms` are (taxonomy, slug, name), `meta` its postmeta."""
    link = f"{SITE}/{slug}/" if link is None else link
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        for key, value in (meta or {}).items()
    )
    categories = "".join(
        f'<category domain="{taxonomy}" nicename="{escape(term)}">{cdata(name)}</category>'
        for taxonomy, term, name in terms
    )
    return f"""<item><title>{escape(title)}</title><link>{escape(link)}</link>
<dc:creator>{cdata("kanya")}</dc:creator>
<content:encoded>{cdata(content)}</content:encoded><excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
<wp:post_id>{wp_id}</wp:post_id><wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>
<wp:post_name>{cdata(slug)}</wp:post_name><wp:status>{cdata(status)}</wp:status>
<wp:post_parent>{parent}</wp:post_parent><wp:post_type>{cdata(post_type)}</wp:post_type>
<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>{categories}{metas}</item>
"""


def attachment(wp_id, relative, alt="A photo"):
    return item(
        wp_id,
        "attachment",
        title=f"photo {wp_id}",
        slug=f"photo-{wp_id}",
        status="inherit",
        attachment_url=UPLOADS + relative,
        meta={"_wp_attached_file": relative, "_wp_attachment_image_alt": alt},
    )


def category(slug, name, parent=""):
    """A category as the export's channel lists it (every category the site has)."""
    return (
        f"<wp:category><wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
    )


def export(*items):
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{SITE}</wp:base_site_url><wp:base_blog_url>{SITE}</wp:base_blog_url>
{"".join(items)}</channel></rss>
"""


def run_import(tmp_path, *items, uploads=None, args=()):
    """Import an export of `items` (written under tmp_path) and return what the command said.

    Channel entries such as `category()` may be among the items."""
    path = tmp_path / "export.xml"
    path.write_text(export(*items), encoding="utf-8")
    out = StringIO()
    options = ["--uploads", str(uploads)] if uploads else []
    call_command("import_wordpress", str(path), *options, *args, stdout=out)
    return out.getvalue()
