"""Staff write a post in English and Thai under the admin's language tabs: one language shown at
a time, switched by mouse or keyboard, each with the rich-text editor, both saved."""

import pytest
from django.contrib.auth import get_user_model
from selenium.webdriver.common.keys import Keys

from news.models import Post
from tests.e2e.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def shown(visitor, css):
    return visitor.find(css).is_displayed()


def test_staff_write_both_languages_of_a_post_under_the_language_tabs(desktop_visitor):
    visitor = desktop_visitor
    get_user_model().objects.create_superuser("nok", "nok@example.org", STAFF_PASSWORD)
    visitor.sign_in("nok")
    visitor.go("/admin/news/post/add/")

    tabs = visitor.find_all("fieldset:first-of-type [role=tab]")
    assert [tab.text for tab in tabs] == ["English", "ไทย"]
    assert [tab.get_attribute("aria-selected") for tab in tabs] == ["true", "false"]
    assert shown(visitor, "#id_title_en") and not shown(visitor, "#id_title_th")
    assert "required" in visitor.find("label[for=id_title_en]").get_attribute("class")
    visitor.find("#id_title_en").send_keys("Back to school")
    english_editor = visitor.find(".field-body_en .prose-editor [contenteditable=true]")
    visitor.click(english_editor)
    english_editor.send_keys("The children are back.")
    visitor.snap("admin-tabs-english")

    tabs[0].send_keys(Keys.ARROW_RIGHT)  # the keyboard moves to the Thai tab and shows it
    assert tabs[1].get_attribute("aria-selected") == "true"
    assert visitor.driver.switch_to.active_element == tabs[1]
    assert shown(visitor, "#id_title_th") and not shown(visitor, "#id_title_en")
    visitor.find("#id_title_th").send_keys("กลับไปโรงเรียน")
    thai_editor = visitor.find(".field-body_th .prose-editor [contenteditable=true]")
    visitor.click(thai_editor)
    thai_editor.send_keys("เด็ก ๆ กลับมาเรียนแล้ว")
    visitor.snap("admin-tabs-thai")

    visitor.find("#id_status").send_keys("Published")
    visitor.click(visitor.find("input[name=_save]"))
    visitor.wait_for(lambda: visitor.path == "/admin/news/post/", message="the post did not save")
    post = Post.objects.get(slug="back-to-school")
    assert (post.title_en, post.title_th) == ("Back to school", "กลับไปโรงเรียน")
    assert post.body_en == "<p>The children are back.</p>"
    assert post.body_th == "<p>เด็ก ๆ กลับมาเรียนแล้ว</p>"
