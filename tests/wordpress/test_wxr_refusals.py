"""A file that is not a sound WordPress export is refused with one line saying why.

The operator sees str(error) and nothing else: never a traceback, never a second line, never
anything the file tried to pull in from the server.
"""

import io

import pytest

from freedomstory.wordpress.wxr import WXRError, read_export
from tests.wordpress.exports import BLOCK_EDITOR

WHOLE = BLOCK_EDITOR.read_bytes()
WXR_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
    b"<channel><wp:wxr_version>1.2</wp:wxr_version>"
)


def refusal(tmp_path, content, name="export.xml"):
    """The one line read_export gives for a file holding `content`, read by path and as a file."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WXRError) as by_path:
        read_export(path)
    with pytest.raises(WXRError) as by_file:
        read_export(io.BytesIO(content))
    message = str(by_path.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"{name} ")
    # Said in the operator's words, not the parser's chained exception.
    assert by_path.value.__suppress_context__ or by_path.value.__context__ is None
    assert str(by_file.value) == message.replace(name, "the export", 1)
    return message


def test_a_file_that_is_not_xml_is_refused(tmp_path):
    message = refusal(tmp_path, b"Title,Date\nBack to school,2021-03-15\n")
    assert message == "export.xml is not valid XML (line 1, column 1): syntax error."


def test_malformed_xml_says_where(tmp_path):
    message = refusal(tmp_path, WXR_HEAD + b"\n<title>Open day</titel></channel></rss>")
    assert message == "export.xml is not valid XML (line 3, column 18): mismatched tag."


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(200, id="in-the-header"),
        pytest.param(WHOLE.index(b"<wp:author>") + 30, id="in-an-author"),
        pytest.param(WHOLE.index(b"Term two") + 20, id="inside-a-post's-CDATA"),
        pytest.param(len(WHOLE) // 2, id="half-way"),
        pytest.param(WHOLE.rindex(b"</item>") + 7, id="after-the-last-item"),
        pytest.param(len(WHOLE) - 8, id="in-the-closing-tag"),
    ],
)
def test_a_truncated_export_is_refused_wherever_it_was_cut(tmp_path, cut):
    message = refusal(tmp_path, WHOLE[:cut])
    assert message.startswith("export.xml stops in the middle (line ")
    assert message.endswith("the file looks truncated; export the site from WordPress again.")


def test_an_html_page_is_refused(tmp_path):
    page = b"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Home</title>"
    assert refusal(tmp_path, page) == "export.xml is an HTML page, not a WordPress export."


def test_html_without_a_doctype_is_refused_for_its_root(tmp_path):
    page = b"<html><head><meta charset='utf-8'></head><body><p>Welcome</p></body></html>"
    assert refusal(tmp_path, page) == (
        "export.xml is not a WordPress export: its root element is <html>, not <rss>."
    )


def test_a_news_feed_without_the_wordpress_namespace_is_refused(tmp_path):
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        b"<link>https://example.org</link><item><title>Hello</title></item></channel></rss>"
    )
    assert refusal(tmp_path, feed) == (
        "export.xml is not a WordPress export: the RSS has no <wp:wxr_version> "
        "(is it a plain news feed?)."
    )


def test_rss_without_a_channel_is_refused(tmp_path):
    assert refusal(tmp_path, b'<rss version="2.0"><item/></rss>') == (
        "export.xml is not a WordPress export: the XML has no <channel>."
    )


def test_an_entity_bomb_is_refused_before_anything_expands(tmp_path):
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + b"".join(
            b' <!ENTITY lol%d "%s">\n' % (level, (b"&lol%d;" % (level - 1)) * 10)
            for level in range(1, 10)
        ).replace(b"&lol0;", b"&lol;")
        + b"]>\n<rss><channel><title>&lol9;</title></channel></rss>"
    )
    message = refusal(tmp_path, bomb)
    assert message.startswith("export.xml has a document type declaration (<!DOCTYPE lolz>)")
    assert message.endswith("refusing to read it.")


@pytest.mark.parametrize(
    "declaration",
    [
        pytest.param('<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{path}">]>', id="entity"),
        pytest.param('<!DOCTYPE rss SYSTEM "file://{path}">', id="external-dtd"),
        pytest.param(
            '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "file://{path}"> %remote;]>',
            id="parameter-entity",
        ),
    ],
)
def test_a_reference_to_a_local_file_is_refused_and_never_read(tmp_path, declaration):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:the-secret-line:/root:/bin/sh\n")
    export = (
        f'<?xml version="1.0"?>\n{declaration.format(path=secret)}\n'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version><title>&secret;</title>"
        "<item><title>&secret;</title></item></channel></rss>"
    ).encode()
    message = refusal(tmp_path, export)
    assert "the-secret-line" not in message
    assert "refusing to read it" in message


def test_an_empty_file_is_refused(tmp_path):
    assert refusal(tmp_path, b"") == "export.xml is empty: export the site from WordPress again."


def test_a_file_of_blank_lines_is_refused_as_empty(tmp_path):
    assert refusal(tmp_path, b"\n\n   \n") == (
        "export.xml is empty: export the site from WordPress again."
    )


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(WXRError) as error:
        read_export(tmp_path / "nowhere.xml")
    assert str(error.value) == f"There is no file at {tmp_path / 'nowhere.xml'}."


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(WXRError) as error:
        read_export(str(tmp_path))
    assert str(error.value) == f"{tmp_path} is a folder, not a WordPress export file."


def test_an_unknown_encoding_is_refused(tmp_path):
    message = refusal(tmp_path, b'<?xml version="1.0" encoding="klingon"?><rss/>')
    assert message == "export.xml could not be read: unknown encoding: klingon."


def test_bytes_that_are_not_utf8_are_refused(tmp_path):
    message = refusal(tmp_path, WXR_HEAD + b"<title>Caf\xe9</title></channel></rss>")
    assert message.startswith("export.xml is not valid XML (line 2, column ")
