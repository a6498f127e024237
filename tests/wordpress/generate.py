"""A large WordPress export made up on the spot, for timing the reader and the import."""

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

PLACES = ["Mae Chan", "Mae Sai", "Chiang Saen", "Wiang Pa Pao", "Thoeng", "Phan"]
SUBJECTS = ["scholarships", "the reading club", "mentor visits", "the football team", "exam week"]
SPEAKERS = [
    ("Veerawit Tianchainan", "Director"),
    ("Kanya Boonmee", "Mentor"),
    ("Daniel Hart", ""),
]


def big_export(posts=1000):
    """A valid WXR 1.2 export of `posts` published block-editor posts with varied bodies."""
    items = "".join(_item(number) for number in range(1, posts + 1))
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>The Freedom Story</title>
	<link>https://oldsite.example.org</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://oldsite.example.org</wp:base_site_url>
	<wp:base_blog_url>https://oldsite.example.org</wp:base_blog_url>
	<wp:author>
		<wp:author_id>2</wp:author_id>
		<wp:author_login><![CDATA[kanya]]></wp:author_login>
		<wp:author_email><![CDATA[kanya@oldsite.example.org]]></wp:author_email>
		<wp:author_display_name><![CDATA[Kanya Boonmee]]></wp:author_display_name>
	</wp:author>
	<wp:category>
		<wp:term_id>6</wp:term_id>
		<wp:category_nicename><![CDATA[news]]></wp:category_nicename>
		<wp:category_parent><![CDATA[]]></wp:category_parent>
		<wp:cat_name><![CDATA[News]]></wp:cat_name>
	</wp:category>
{items}</channel>
</rss>
"""


def _item(number):
    place = PLACES[number % len(PLACES)]
    subject = SUBJECTS[number % len(SUBJECTS)]
    title = f"{subject.capitalize()} in {place}, week {number}"
    slug = f"{subject.replace(' ', '-')}-in-{place.lower().replace(' ', '-')}-{number}"
    local = datetime(2015, 1, 1, 9, 0) + timedelta(hours=7 * number)
    gmt = local - timedelta(hours=7)
    return f"""	<item>
		<title><![CDATA[{title}]]></title>
		<link>https://oldsite.example.org/{local:%Y/%m/%d}/{slug}/</link>
		<dc:creator><![CDATA[kanya]]></dc:creator>
		<content:encoded><![CDATA[{_body(number, place, subject)}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{1000 + number}</wp:post_id>
		<wp:post_date><![CDATA[{local:%Y-%m-%d %H:%M:%S}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{gmt:%Y-%m-%d %H:%M:%S}]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[{slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<category domain="category" nicename="news"><![CDATA[News]]></category>
		<wp:postmeta>
			<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>
			<wp:meta_value><![CDATA[2]]></wp:meta_value>
		</wp:postmeta>
	</item>
"""


def _body(number, place, subject):
    speaker, role = SPEAKERS[number % len(SPEAKERS)]
    cite = f"– {speaker}, {role}" if role else f"– {speaker}"
    paragraphs = "".join(
        _paragraph(f"Week {number} in {place}: part {part} of our notes on {subject}.")
        for part in range(1, 2 + number % 4)
    )
    items = "".join(
        f"<!-- wp:list-item -->\n<li>{escape(thing)}</li>\n<!-- /wp:list-item -->"
        for thing in ("Books & bags", f"{number % 9 + 1} visits", f"Notes from {place}")
    )
    return f"""{paragraphs}
<!-- wp:heading -->
<h2 class="wp-block-heading">What happened in {place}</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul>{items}</ul>
<!-- /wp:list -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>“Week {number} was about {subject}.”</p>\
<cite>{cite}</cite></blockquote></figure>
<!-- /wp:pullquote -->
{_paragraph("Thank you for reading.") if number % 2 else ""}"""


def _paragraph(text):
    return f"<!-- wp:paragraph -->\n<p>{escape(text)}</p>\n<!-- /wp:paragraph -->\n\n"
