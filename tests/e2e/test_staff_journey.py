"""A staff member writes, formats and publishes a post in the admin's rich-text editor."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from selenium.webdriver.common.keys import Keys

from freedomstory.core.richtext_images import store_body_image
from news.models import Post
from tests.e2e.conftest import STAFF_PASSWORD
from tests.news.factories import make_post
from tests.test_images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_writes_a_post_with_the_editor_attaches_a_quote_and_publishes_it(visitor):
    get_user_model().objects.create_superuser("nok", "nok@example.org", STAFF_PASSWORD)
    visitor.sign_in("nok")
    visitor.go("/admin/news/post/add/")
    visitor.find("#id_title_en").send_keys("New classrooms open in Mae Sai")

    editor = visitor.find(".prose-editor [contenteditable=true]")
    visitor.click(editor)
    editor.send_keys("Two new classrooms opened this week.", Keys.ENTER)
    visitor.find(".prose-menubar__selected").click()
    visitor.find(".prose-menubar__option[data-name=heading2]").click()
    editor.send_keys("What the rooms hold", Keys.ENTER)
    visitor.find("button[data-name=bulletList]").click()
    editor.send_keys("Thirty desks", Keys.ENTER, "A reading corner", Keys.ENTER, Keys.ENTER)
    visitor.find("button[data-name=blockquote]").click()
    editor.send_keys("Teachers asked for light, and now they have it.")
    visitor.link_first_paragraph(editor, "https://example.org/report")
    visitor.snap("editor")

    visitor.click(visitor.link("Add another Pull quote"))
    visitor.find("#id_quotes-0-speaker_name").send_keys("Veerawit Tianchainan")
    visitor.find("#id_quotes-0-speaker_role_en").send_keys("Thailand Executive Director")
    visitor.find("#id_quotes-0-text_en").send_keys("A classroom is the first line of prevention.")
    position = visitor.find("#id_quotes-0-position")
    position.clear()
    position.send_keys("1")
    status = visitor.find("#id_status")
    status.send_keys("Published")
    visitor.click(visitor.find("input[name=_save]"))
    visitor.wait_for(lambda: visitor.path == "/admin/news/post/", message="the post did not save")

    post = Post.objects.get(title="New classrooms open in Mae Sai")
    assert post.is_public
    assert "<h2>What the rooms hold</h2>" in post.body
    assert "<ul><li><p>Thirty desks</p></li><li><p>A reading corner</p></li></ul>" in post.body
    assert '<a href="https://example.org/report"' in post.body
    assert "Two new classrooms opened this week.</a>" in post.body
    assert "<blockquote><p>Teachers asked for light" in post.body

    visitor.driver.delete_all_cookies()  # now as a member of the public
    visitor.go("/news/")
    visitor.click(visitor.link("New classrooms open in Mae Sai"))
    visitor.wait_for(lambda: visitor.path == post.get_absolute_url())
    body = visitor.find(".post__body")
    assert body.find_element("css selector", "h2").text == "What the rooms hold"
    assert body.find_element("css selector", "a[href='https://example.org/report']")
    caption = body.find_element("css selector", "figure.pull-quote figcaption").text
    assert caption == "– Veerawit Tianchainan, Thailand Executive Director"
    visitor.snap("published")


def test_staff_editing_a_post_keep_the_images_in_its_body(desktop_visitor):
    """The editor knows images (without offering to insert one): an edit must not drop the
    images an import put in the body, as an editor without them silently did."""
    visitor = desktop_visitor
    photo = ContentFile(image_bytes(), name="classroom.jpg")
    image = store_body_image(photo, alt="The new classroom")
    post = make_post(title="Imported", body=f"<p>Intro words.</p>{image}<p>End.</p>")
    get_user_model().objects.create_superuser("nok", "nok@example.org", STAFF_PASSWORD)
    visitor.sign_in("nok")

    visitor.go(reverse("admin:news_post_change", args=[post.pk]))
    editor = visitor.find(".prose-editor [contenteditable=true]")
    visitor.click(visitor.find(".prose-editor [contenteditable=true] p"))
    editor.send_keys(Keys.END, " More words.")
    visitor.click(visitor.find("input[name=_save]"))
    visitor.wait_for(lambda: visitor.path == "/admin/news/post/", message="the post did not save")

    body = Post.objects.get(pk=post.pk).body
    assert "<p>Intro words. More words.</p>" in body
    [kept] = re.findall(r"<img [^>]*>", body)
    src = re.search(r'src="([^"]*)"', image)[1]
    assert f'src="{src}"' in kept and 'alt="The new classroom"' in kept
