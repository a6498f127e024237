"""Reading a WordPress export: every field the import uses, from both kinds of export."""

import io
from datetime import UTC, datetime

import pytest

from freedomstory.wordpress import wxr
from freedomstory.wordpress.wxr import Author, Term, read_export
from tests.wordpress.exports import BLOCK_EDITOR, BOTH, fixture_export, fixture_items
from tests.wordpress.generate import big_export

ORIGIN = "https://oldsite.example.org"


@pytest.mark.parametrize(("name", "version"), [(BOTH[0], "1.2"), (BOTH[1], "1.1")])
def test_the_channel_gives_the_wxr_version_and_the_site_addresses(name, version):
    export = fixture_export(name)
    assert (export.version, export.site_url, export.blog_url) == (version, ORIGIN, ORIGIN)


@pytest.mark.parametrize("name", BOTH)
def test_authors_are_read_by_login(name):
    assert fixture_export(name).authors == {
        "kanya": Author("kanya", "kanya@oldsite.example.org", "Kanya Boonmee"),
        "daniel.h": Author("daniel.h", "daniel@oldsite.example.org", "Daniel Hart"),
    }


@pytest.mark.parametrize("name", BOTH)
def test_channel_terms_keep_taxonomy_slug_name_and_parent_slug(name):
    terms = fixture_export(name).terms
    assert terms[:5] == [
        Term("category", "education", "Education"),
        Term("category", "scholarship-stories", "Scholarship stories", "education"),
        Term("category", "news", "News"),
        Term("post_tag", "chiang-rai", "Chiang Rai"),
        Term("post_tag", "mentoring", "Mentoring"),
    ]
    assert Term("product_cat", "t-shirts", "T-shirts", "clothing") in terms
    assert Term("nav_menu", "main-menu", "Main menu") in terms
    by_taxonomy = {}
    for term in terms:
        by_taxonomy.setdefault(term.taxonomy, []).append(term.slug)
    assert by_taxonomy["product_type"] == ["simple", "variable"]
    assert by_taxonomy["pa_size"] == ["s", "m", "l", "xl"]
    assert by_taxonomy["pa_colour"] == ["natural", "black"]


@pytest.mark.parametrize("name", BOTH)
def test_every_item_is_read_in_file_order_with_its_type(name):
    assert [(item.wp_id, item.post_type) for item in fixture_export(name).items] == [
        *[(wp_id, "attachment") for wp_id in (10, 11, 12, 13, 14, 15)],
        *[(wp_id, "post") for wp_id in (101, 102, 103, 104, 105, 106)],
        (201, "page"),
        (202, "page"),
        (301, "product"),
        (302, "product"),
        *[(wp_id, "product_variation") for wp_id in (303, 304, 305, 306)],
        (307, "product"),
        (401, "nav_menu_item"),
        (402, "revision"),
        (403, "tribe_events"),
    ]


@pytest.mark.parametrize("name", BOTH)
def test_a_published_post_is_read_field_by_field(name):
    post = fixture_items(name)[101]
    assert post.title == "Back to school in Mae Chan"
    assert post.slug == "back-to-school-in-mae-chan"
    assert post.link == f"{ORIGIN}/2021/03/15/back-to-school-in-mae-chan/"
    assert post.status == "publish"
    assert post.published_gmt == datetime(2021, 3, 15, 2, 30, tzinfo=UTC)
    assert post.published_local == datetime(2021, 3, 15, 9, 30)  # Chiang Rai is UTC+7
    assert post.author_login == "kanya"
    assert post.content.startswith("Term two" if "classic" in name else "<!-- wp:paragraph -->")
    assert 'src="https://oldsite.example.org/wp-content/uploads/2021/03/classroom.jpg"' in (
        post.content
    )
    assert post.excerpt == "Forty-two scholarship students are back at school in Mae Chan."
    assert (post.parent_id, post.menu_order, post.password, post.attachment_url) == (0, 0, "", "")
    assert post.terms == [
        Term("category", "education", "Education"),
        Term("category", "scholarship-stories", "Scholarship stories"),
        Term("post_tag", "chiang-rai", "Chiang Rai"),
        Term("post_tag", "mentoring", "Mentoring"),
    ]
    assert post.meta == {"_edit_last": "2", "_thumbnail_id": "11"}


@pytest.mark.parametrize("name", BOTH)
def test_comments_are_counted_not_kept(name):
    items = fixture_items(name)
    assert items[101].comment_count == 2
    assert items[102].comment_count == 0
    # A comment's own fields and meta never leak into the post's.
    assert "akismet_result" not in items[101].meta


@pytest.mark.parametrize("name", BOTH)
def test_a_draft_has_no_gmt_date_but_keeps_its_local_one(name):
    draft = fixture_items(name)[102]
    assert (draft.status, draft.slug, draft.published_gmt) == ("draft", "", None)
    assert draft.published_local == datetime(2021, 4, 2, 10, 12, 40)


@pytest.mark.parametrize("name", BOTH)
def test_scheduled_private_and_password_protected_posts_say_so(name):
    items = fixture_items(name)
    assert items[103].status == "future"
    assert items[103].published_gmt == datetime(2031, 1, 15, 2, 0, tzinfo=UTC)
    assert items[104].status == "private"
    assert (items[105].status, items[105].password) == ("publish", "sunflower")


@pytest.mark.parametrize("name", BOTH)
def test_an_attachment_gives_its_address_file_and_alt_text(name):
    items = fixture_items(name)
    thumbnail = items[int(items[101].meta["_thumbnail_id"])]
    assert thumbnail.post_type == "attachment"
    assert thumbnail.parent_id == 101
    assert thumbnail.attachment_url == f"{ORIGIN}/wp-content/uploads/2021/03/reading-circle.jpg"
    assert thumbnail.meta["_wp_attached_file"] == "2021/03/reading-circle.jpg"
    assert thumbnail.meta["_wp_attachment_image_alt"].startswith("Six students sitting")
    assert items[15].meta == {"_wp_attached_file": "2008/06/canola2.jpg"}


@pytest.mark.parametrize("name", BOTH)
def test_a_child_page_names_its_parent(name):
    items = fixture_items(name)
    about, team = items[201], items[202]
    assert (about.post_type, about.title, about.slug, about.parent_id) == (
        "page",
        "About us",
        "about-us",
        0,
    )
    assert (team.title, team.slug, team.parent_id, team.menu_order) == (
        "Our team",
        "our-team",
        201,
        1,
    )
    assert team.link == f"{ORIGIN}/about-us/our-team/"
    assert f'href="{ORIGIN}/about-us/our-team/"' in about.content


@pytest.mark.parametrize("name", BOTH)
def test_a_simple_product_gives_prices_stock_images_and_short_description(name):
    product = fixture_items(name)[301]
    assert product.meta == {
        "_sku": "TFS-TOTE",
        "_regular_price": "350",
        "_sale_price": "300",
        "_price": "300",
        "_manage_stock": "yes",
        "_stock": "12",
        "_stock_status": "instock",
        "_backorders": "no",
        "_virtual": "no",
        "_downloadable": "no",
        "_weight": "0.25",
        "_tax_status": "taxable",
        "_thumbnail_id": "12",
        "_product_image_gallery": "13",
        "_product_attributes": "a:0:{}",
        "total_sales": "41",
    }
    assert product.terms == [
        Term("product_type", "simple", "simple"),
        Term("product_cat", "bags", "Bags"),
    ]
    assert "Every sale pays a seamstress a fair wage." in product.excerpt


@pytest.mark.parametrize("name", BOTH)
def test_a_variable_product_gives_its_attributes_and_variations(name):
    items = fixture_items(name)
    product = items[302]
    assert [(term.taxonomy, term.slug) for term in product.terms if term.taxonomy[:3] == "pa_"] == [
        ("pa_size", "s"),
        ("pa_size", "m"),
        ("pa_size", "l"),
        ("pa_size", "xl"),
        ("pa_colour", "natural"),
        ("pa_colour", "black"),
    ]
    assert Term("product_type", "variable", "variable") in product.terms
    assert product.meta["_product_attributes"].startswith('a:2:{s:7:"pa_size";a:6:{')
    # WooCommerce writes one _price row per variation price; the last one is kept.
    assert product.meta["_price"] == "490"
    variations = [item for item in items.values() if item.post_type == "product_variation"]
    assert {item.parent_id for item in variations} == {302}
    assert [
        (
            item.meta["attribute_pa_size"],
            item.meta["attribute_pa_colour"],
            item.meta["_sku"],
            item.meta["_regular_price"],
            item.meta["_stock"],
            item.meta["_manage_stock"],
            item.meta["_stock_status"],
        )
        for item in variations
    ] == [
        ("s", "natural", "TFS-TEE-S-NAT", "450", "5", "yes", "instock"),
        ("m", "natural", "TFS-TEE-M-NAT", "450", "8", "yes", "instock"),
        ("l", "black", "TFS-TEE-L-BLK", "490", "3", "yes", "instock"),
        ("xl", "black", "TFS-TEE-XL-BLK", "490", "0", "yes", "outofstock"),
    ]


@pytest.mark.parametrize("name", BOTH)
def test_a_draft_product_is_read_as_a_draft(name):
    draft = fixture_items(name)[307]
    assert (draft.post_type, draft.status, draft.published_gmt) == ("product", "draft", None)


@pytest.mark.parametrize("name", BOTH)
def test_menu_items_revisions_and_other_post_types_are_read_as_they_are(name):
    items = fixture_items(name)
    assert items[401].terms == [Term("nav_menu", "main-menu", "Main menu")]
    assert items[401].meta["_menu_item_object_id"] == "201"
    assert (items[402].post_type, items[402].status, items[402].parent_id) == (
        "revision",
        "inherit",
        101,
    )
    assert items[403].meta["_EventStartDate"] == "2021-06-12 09:00:00"


def test_titles_written_with_character_references_are_decoded():
    items = fixture_items(BOTH[1])
    assert items[102].title == "Notes from the mentors’ meeting"
    assert items[303].title == "Variation #303 of Freedom Story T-shirt"


def test_an_export_can_be_read_from_a_binary_file_object():
    with open(BLOCK_EDITOR, "rb") as file:
        export = read_export(file)
    assert export == fixture_export(BLOCK_EDITOR.name)


def test_a_thousand_post_export_yields_every_post():
    export = read_export(io.BytesIO(big_export(1000).encode()))
    assert len(export.items) == 1000
    assert {item.post_type for item in export.items} == {"post"}
    assert export.items[-1].wp_id == 2000


def test_each_item_leaves_the_parsed_tree_once_read(monkeypatch):
    """Streaming: a 100 MB export must never end up held in memory as one tree."""
    roots = []
    parse = wxr.iterparse
    monkeypatch.setattr(wxr, "iterparse", lambda *args, **kw: _recording(parse(*args, **kw), roots))
    read_export(io.BytesIO(big_export(50).encode()))
    (channel,) = list(roots[0])
    assert len(channel) == 0


def _recording(events, roots):
    """The events unchanged; the first element (the root) kept in `roots`."""
    for event, element in events:
        if not roots:
            roots.append(element)
        yield event, element


def small_export(channel="", item="", wp="http://wordpress.org/export/1.2/"):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="{wp}" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><link>https://example.org</link><wp:wxr_version>1.0</wp:wxr_version>{channel}
<item><title>Hello</title>{item}</item></channel></rss>""".encode()


def test_missing_fields_are_empty_and_bad_numbers_zero():
    export = read_export(
        io.BytesIO(small_export(item="<wp:post_id>12a</wp:post_id><wp:menu_order></wp:menu_order>"))
    )
    (item,) = export.items
    assert (item.wp_id, item.menu_order, item.parent_id) == (0, 0, 0)
    assert (item.slug, item.content, item.excerpt, item.status) == ("", "", "", "")
    assert (item.published_gmt, item.published_local, item.terms, item.meta) == (None, None, [], {})


def test_an_unreadable_date_is_none():
    item_xml = (
        "<wp:post_date>last Tuesday</wp:post_date>"
        "<wp:post_date_gmt>2021-13-45 99:00:00</wp:post_date_gmt>"
    )
    (item,) = read_export(io.BytesIO(small_export(item=item_xml))).items
    assert (item.published_local, item.published_gmt) == (None, None)


def test_a_wxr_1_0_export_is_read_and_its_tag_domain_means_post_tag():
    item_xml = (
        "<category><![CDATA[Plain RSS category]]></category>"
        '<category domain="tag" nicename="camp"><![CDATA[Camp]]></category>'
    )
    export = read_export(
        io.BytesIO(small_export(item=item_xml, wp="http://wordpress.org/export/1.0/"))
    )
    assert export.version == "1.0"
    assert export.items[0].terms == [Term("post_tag", "camp", "Camp")]


def test_the_channel_link_stands_in_for_missing_base_addresses():
    export = read_export(io.BytesIO(small_export()))
    assert (export.site_url, export.blog_url) == ("https://example.org", "https://example.org")


def test_fields_from_other_namespaces_are_ignored():
    extra = '<wpcom:blog_id xmlns:wpcom="https://wordpress.com/export/">42</wpcom:blog_id>'
    item_xml = f'<wp:post_id>7</wp:post_id>{extra}<title xmlns="urn:other">Not this</title>'
    (item,) = read_export(io.BytesIO(small_export(channel=extra, item=item_xml))).items
    assert (item.wp_id, item.title) == (7, "Hello")
