"""The Thai font is ours: Sarabun's files in static/fonts/ (with their licence), named by
fonts.css's @font-face rules (for the pages and the admin), served like every static file,
allowed by the CSP as 'self', and no page or stylesheet ever asks a third party for a font."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "static" / "fonts"
SITE_CSS = (ROOT / "static" / "css" / "site.css").read_text()
FONTS_CSS = (ROOT / "static" / "css" / "fonts.css").read_text()
FONT_FACE = re.compile(r"@font-face\s*{(?P<rule>[^}]*)}")
FONT_FILES = {
    "sarabun-thai-400-normal.woff2",
    "sarabun-thai-700-normal.woff2",
    "sarabun-latin-400-normal.woff2",
    "sarabun-latin-700-normal.woff2",
}
THAI_LETTERS = "U+0E01-0E5B"


def font_faces():
    return [match["rule"] for match in FONT_FACE.finditer(FONTS_CSS)]


def test_the_font_files_and_their_licence_are_in_the_static_files():
    assert {path.name for path in FONTS.glob("*.woff2")} == FONT_FILES
    for name in FONT_FILES:
        found = finders.find(f"fonts/{name}")
        assert found and Path(found).read_bytes()[:4] == b"wOF2", name
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text()


def test_each_face_is_a_local_woff2_swapped_in_and_limited_to_its_characters():
    faces = font_faces()
    assert len(faces) == len(FONT_FILES)
    named = set()
    for rule in faces:
        assert 'font-family: "Sarabun"' in rule
        assert "font-display: swap" in rule
        assert "unicode-range:" in rule
        [url] = re.findall(r'url\("\.\./fonts/([^"]+)"\)', rule)
        named.add(url)
        if "-thai-" in url:
            assert THAI_LETTERS in rule
        else:
            assert THAI_LETTERS not in rule and "U+0000-00FF" in rule
    assert named == FONT_FILES


def test_only_thai_pages_put_the_thai_font_first_with_more_room_between_lines():
    thai = re.search(r"html:lang\(th\)\s*{(?P<rule>[^}]*)}", SITE_CSS)["rule"]
    assert re.search(r'--font:\s*"Sarabun"', thai)
    assert "--line-height: 1.7" in thai and "--heading-line-height: 1.4" in thai
    root = re.search(r":root\s*{(?P<rule>[^}]*)}", SITE_CSS)["rule"]
    assert "Sarabun" not in root.split("--font:")[1].split(";")[0]
    assert "--line-height: 1.6" in root and "--heading-line-height: 1.2" in root


@pytest.mark.django_db
def test_production_static_files_serve_the_fonts_fonts_css_names(tmp_path, settings):
    """collectstatic's hashed names (what nginx and whitenoise serve with DEBUG off): the CSS
    must point at the hashed fonts, and they must be there."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    call_command("collectstatic", "--noinput", "-v0")
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css = (tmp_path / manifest["css/fonts.css"]).read_text()
    for name in FONT_FILES:
        hashed = manifest[f"fonts/{name}"]
        assert f'url("../fonts/{Path(hashed).name}")' in css
        assert (tmp_path / hashed).read_bytes()[:4] == b"wOF2"


@pytest.mark.django_db
def test_a_thai_page_loads_fonts_from_the_site_itself_only(client):
    response = client.get("/th/")
    policy = response.headers["Content-Security-Policy"]
    assert "font-src 'self';" in policy
    assert '<html lang="th">' in response.text
    assert "/static/css/fonts.css" in response.text


@pytest.mark.django_db
def test_the_admins_thai_fields_and_tabs_have_the_thai_font(admin_client):
    html = admin_client.get("/admin/news/post/add/").content.decode()
    assert "/static/css/fonts.css" in html
    tabs_css = (ROOT / "static" / "css" / "admin-language-tabs.css").read_text()
    primary = re.search(r"--font-family-primary:(?P<fonts>[^;]*);", tabs_css)["fonts"]
    assert primary.index('"Sarabun"') < primary.index("sans-serif")


def test_no_template_or_stylesheet_asks_another_site_for_a_font():
    texts = [
        path
        for folder in ("templates", "news", "shop", "freedomstory", "static")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".html", ".css", ".js", ".txt")
    ]
    offences = [
        str(path.relative_to(ROOT))
        for path in texts
        if re.search(
            r"fonts\.googleapis|fonts\.gstatic|fontsource|use\.typekit|url\(\s*['\"]?(https?:)?//",
            path.read_text(errors="replace"),
        )
        or ("@import" in path.read_text(errors="replace") and path.suffix == ".css")
    ]
    assert texts and offences == []
