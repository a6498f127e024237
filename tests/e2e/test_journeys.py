"""What visitors, donors and staff do, in a real browser, at phone and desktop sizes."""

import pytest
from django.core import mail

from tests.e2e.content import build_site

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site():
    return build_site()


def test_visitor_reads_a_post_with_its_pull_quote_then_finds_posts_by_search_and_category(
    visitor, site
):
    visitor.go("/")
    assert "We’re Expanding on Multiple Levels" in visitor.text("main")
    visitor.snap("home")
    visitor.click(visitor.link("We’re Expanding on Multiple Levels"))
    visitor.wait_for(lambda: visitor.path == "/news/were-expanding-on-multiple-levels/")
    quote = visitor.find(".post__body figure.pull-quote")
    assert "When a child stays in school" in quote.find_element("css selector", "blockquote").text
    assert quote.find_element("css selector", "figcaption").text == (
        "– Veerawit Tianchainan, Thailand Executive Director"
    )
    visitor.snap("post")

    visitor.click(visitor.link("A library that stays open late"))  # the previous post
    visitor.wait_for(lambda: visitor.path == "/news/a-library-that-stays-open-late/")
    assert visitor.text("h1") == "A library that stays open late"

    visitor.go("/news/")
    search = visitor.find("#news-search")
    search.send_keys("scholarship")
    search.submit()
    visitor.wait_for(lambda: visitor.path.startswith("/news/search/"))
    assert "1 result for “scholarship”" in visitor.text("main")
    visitor.snap("search")
    visitor.click(visitor.link("We’re Expanding"))
    visitor.click(visitor.find(".post__header .tags a"))
    visitor.wait_for(lambda: visitor.path == "/news/category/education/")
    assert visitor.text("h1") == "Education"
    assert "We’re Expanding on Multiple Levels" in visitor.text("main")
    assert "A draft nobody sees" not in visitor.text("body")
    visitor.snap("category")


def test_a_reader_at_the_end_of_a_post_can_share_it_read_more_in_its_category_and_give(
    visitor, site
):
    visitor.go(site["newer"].get_absolute_url())
    share = visitor.find(".post-share")
    visitor.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", share)
    links = share.find_elements("css selector", "a")
    # The first line: each also says, to screen readers only, that it opens a new tab.
    assert [link.text.splitlines()[0] for link in links] == [
        "Facebook",
        "X",
        "LinkedIn",
        "WhatsApp",
        "LINE",
        "E-mail",
    ]
    encoded_path = "%2Fnews%2Fwere-expanding-on-multiple-levels%2F"
    for link in links:
        href = link.get_attribute("href")
        assert encoded_path in href, href
        if not href.startswith("mailto:"):
            assert link.get_attribute("target") == "_blank"
            assert "noopener" in link.get_attribute("rel").split()
    assert links[4].get_attribute("href").startswith("https://social-plugins.line.me/lineit/share?")
    give = visitor.find(".post-give")
    assert give.is_displayed() and "Every story here begins with a gift" in give.text
    assert visitor.axe_violations("post end") == []
    visitor.snap("post-end")

    more = visitor.find(".more-posts")
    visitor.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", more)
    assert more.find_element("css selector", "h2").text == "More in Education"
    titles = [card.text for card in more.find_elements("css selector", ".card__title")]
    assert titles == [
        "An English club for teenagers",
        "Online safety lessons",
        "A visit from our partner schools",
    ]
    # Nothing at the end of a post is wider than a phone.
    assert visitor.driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    visitor.snap("post-end-more")

    visitor.click(give.find_element("css selector", "a.button"))
    visitor.wait_for(lambda: visitor.path == "/donate/")
    assert visitor.find("h1").is_displayed()


def test_donor_adds_two_sees_the_header_change_and_empties_the_cart(visitor, site):
    visitor.go("/shop/t-shirt/")
    assert visitor.text("[data-cart-count-text]") == "0 items in cart"
    visitor.driver.execute_script("window.__stillTheSamePage = true;")
    quantity = visitor.find("#quantity")
    quantity.clear()
    quantity.send_keys("2")
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for_text("[data-cart-count-text]", "2 items in cart")
    assert visitor.driver.execute_script("return window.__stillTheSamePage === true;")
    visitor.snap("added")

    visitor.click(visitor.find("[data-cart-link]"))
    visitor.wait_for_text("[data-cart-panel]", "Freedom Story T-shirt")
    panel = visitor.text("[data-cart-panel]")
    assert "Your Cart" in panel and "2 × $20.00" in panel and "$40.00" in panel
    visitor.snap("panel")

    visitor.click(visitor.link("View cart"))
    visitor.wait_for(lambda: visitor.path == "/cart/")
    quantity = visitor.find(".quantity-form input[name=quantity]")
    quantity.clear()
    quantity.send_keys("3")
    visitor.click(visitor.find(".quantity-form button"))
    visitor.wait_for_text("main", "Your cart now holds 3")
    assert visitor.text("[data-cart-count-text]") == "3 items in cart"
    assert "$60.00" in visitor.text(".cart-totals")
    visitor.snap("cart")

    visitor.click(visitor.find(".cart-line__remove button"))
    visitor.wait_for_text("main", "Your cart is empty")
    assert visitor.text("[data-cart-count-text]") == "0 items in cart"
    visitor.snap("empty")
    visitor.click(visitor.link("Return to Shop"))
    visitor.wait_for(lambda: visitor.path == "/shop/")
    assert visitor.text("h1") == "Shop"


def test_donor_without_javascript_adds_updates_and_removes_through_plain_forms(
    visitor_without_js, site
):
    visitor = visitor_without_js
    visitor.go("/shop/t-shirt/")
    quantity = visitor.find("#quantity")
    quantity.clear()
    quantity.send_keys("2")
    visitor.find(".add-to-cart button[type=submit]").click()
    visitor.wait_for_text("main", "Added 2 × “Freedom Story T-shirt” to your cart.")
    assert visitor.path == "/shop/t-shirt/"
    assert visitor.text("[data-cart-count-text]") == "2 items in cart"  # rendered by the server
    visitor.snap("added")

    visitor.find("[data-cart-link]").click()
    visitor.wait_for(lambda: visitor.path == "/cart/")
    assert visitor.find("[data-cart-panel]").is_displayed() is False
    quantity = visitor.find(".quantity-form input[name=quantity]")
    quantity.clear()
    quantity.send_keys("5")
    visitor.find(".quantity-form button").click()
    visitor.wait_for_text("main", "Your cart now holds 5")
    assert visitor.text("[data-cart-count-text]") == "5 items in cart"
    visitor.snap("updated")
    visitor.find(".cart-line__remove button").click()
    visitor.wait_for_text("main", "Your cart is empty")
    assert visitor.text("[data-cart-count-text]") == "0 items in cart"
    visitor.link("Return to Shop").click()
    visitor.wait_for(lambda: visitor.path == "/shop/")


def test_donor_buys_a_shirt_adds_a_gift_and_checks_out_offline(visitor, site):
    mail.outbox.clear()
    visitor.go("/shop/t-shirt/")
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for_text("[data-cart-count-text]", "1 item in cart")
    visitor.go("/cart/")
    amount = visitor.find("#id_amount")
    amount.clear()
    amount.send_keys("25")
    visitor.click(visitor.find(".donation-form button"))
    visitor.wait_for_text("main", "We added a gift of $25.00")
    assert "$45.00" in visitor.text(".cart-totals")
    visitor.snap("cart-with-gift")
    visitor.click(visitor.link("Proceed to checkout"))
    visitor.wait_for(lambda: visitor.path == "/checkout/")
    assert "Your gift" in visitor.text(".checkout__summary")
    for field, value in {
        "id_name": "Somchai Donor",
        "id_email": "somchai@example.org",
        "id_address_line1": "12 Moo 3",
        "id_city": "Chiang Rai",
        "id_postcode": "57000",
        "id_country": "Thailand",
    }.items():
        visitor.find(f"#{field}").send_keys(value)
    visitor.click(visitor.find("#id_consent"))
    visitor.snap("checkout")
    visitor.click(visitor.find(".checkout__submit"))
    visitor.wait_for(lambda: visitor.path.startswith("/orders/"))
    page = visitor.text("main")
    assert "Thank you, Somchai Donor!" in page
    assert "How to pay" in page and "$45.00" in page and "Your gift" in page
    visitor.snap("confirmation")
    assert visitor.text("[data-cart-count-text]") == "0 items in cart"
    receipts = [message for message in mail.outbox if message.to == ["somchai@example.org"]]
    assert len(receipts) == 1 and "Gift to The Freedom Story: $25.00" in receipts[0].body
