"""An error page names no other language's copy of itself: a page that does not exist has no
twin, so neither `hreflang` alternates nor a canonical address (the switcher stays, for the
reader who wants the other language's error page and its links)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("address", ["/th/news/no-such-post/", "/news/no-such-post/", "/th/zzz/"])
def test_a_page_not_found_sends_no_hreflang_alternates_and_no_canonical(client, address):
    response = client.get(address)
    html = response.content.decode()
    assert response.status_code == 404
    assert "hreflang=" not in html.split("<body")[0]
    assert 'rel="canonical"' not in html
    assert 'class="language-switcher"' in html


@pytest.mark.parametrize("address", ["/TH/", "/Th/news/", "/TH/cart/"])
def test_an_address_with_a_capital_language_prefix_is_an_english_page_not_found(client, address):
    response = client.get(address)
    assert response.status_code == 404
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
