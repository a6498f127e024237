"""An image's files follow its object (freedomstory/core/image_files.py), on local disk: the
original is stored in the saving request, renditions come from a task, and replacing, clearing or
deleting removes the old files once the transaction commits."""

import json
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.db.models import Value
from django.urls import reverse

from freedomstory.core.image_files import make_renditions, render_image
from freedomstory.core.images import rendition_names, renditions_folder
from freedomstory.core.pagecache import GENERATION_KEY
from freedomstory.core.richtext_images import store_body_image
from news.models import Post
from tests.news.factories import jpeg_upload, make_post
from tests.shop.factories import make_product

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def files(settings):
    media = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


@pytest.fixture
def queued(settings):
    """Tasks queued, not run (a worker that has not come yet); returns the queue."""
    settings.TASKS = QUEUED
    backend = make_renditions.get_backend()
    backend.clear()
    return backend.results


def run_queued(queued):
    for result in list(queued):
        result.task.call(*result.args, **result.kwargs)
    queued.clear()


def test_until_the_task_runs_the_page_shows_the_processed_original(
    queued, client, settings, django_capture_on_commit_callbacks
):
    post = make_post(image=jpeg_upload(), image_alt="Pupils", status="published")
    assert files(settings) == [post.image.name]  # the request stored the original only
    [task] = queued
    assert json.loads(json.dumps(task.args)) == list(task.args)  # JSON, for any queue
    assert task.args == ["news.Post", post.pk, "image", "image_renditions", post.image.name]
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'src="{post.image.url}"' in html and 'width="1200"' in html

    cache.set(GENERATION_KEY, "before")
    with django_capture_on_commit_callbacks(execute=True):  # a worker runs outside one
        run_queued(queued)
    post.refresh_from_db()
    assert len(files(settings)) == 10 and "pending" not in post.image_renditions
    assert cache.get(GENERATION_KEY) != "before"  # cached pages retired: the renditions show
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<source type="image/avif"' in html


def test_a_task_for_a_replaced_image_does_nothing(queued, settings):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    post.image = jpeg_upload(name="other.jpg")
    post.save()
    stale, current = queued
    assert render_image(*stale.args) is None
    assert files(settings) == sorted([stale.args[-1], post.image.name])
    assert render_image(*current.args) is not None


def test_a_task_for_a_deleted_object_does_nothing(queued, settings):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    Post.objects.filter(pk=post.pk).delete()  # the files stay for the test to see
    run_queued(queued)
    assert files(settings) == [post.image.name]


def test_a_copy_read_before_the_renditions_were_made_keeps_them_when_saved(queued):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    run_queued(queued)
    post.title = "Edited meanwhile"  # this copy still holds the record pointing at the original
    post.save()
    post.refresh_from_db()
    assert set(post.image_renditions["sources"]) == {"image/avif", "image/webp", "image/jpeg"}
    assert queued == []


def test_clearing_an_image_deletes_its_files_after_commit(
    settings, django_capture_on_commit_callbacks
):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    post.image = None
    with django_capture_on_commit_callbacks() as callbacks:
        post.save()
    assert len(files(settings)) == 10  # nothing before the commit
    for callback in callbacks:
        callback()
    assert files(settings) == [] and post.image_renditions == {}


def test_replacing_an_image_in_a_rolled_back_save_deletes_nothing(
    settings, django_capture_on_commit_callbacks
):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    old = post.image.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        post.image = jpeg_upload(name="new.jpg")
        post.save()
        raise RuntimeError("rolled back")
    assert default_storage.exists(old)
    assert default_storage.listdir(renditions_folder(old))[1]


def test_bulk_deleting_posts_in_the_admin_deletes_their_files(
    admin_client, settings, django_capture_on_commit_callbacks
):
    posts = [make_post(image=jpeg_upload(), image_alt="Pupils") for _ in range(2)]
    assert len(files(settings)) == 20
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:news_post_changelist"),
            {"action": "delete_selected", "_selected_action": [p.pk for p in posts], "post": "yes"},
        )
    assert not Post.objects.exists() and files(settings) == []


def test_deleting_a_product_deletes_its_photos_files(settings, django_capture_on_commit_callbacks):
    product = make_product()
    product.images.create(image=jpeg_upload(), alt="Tote")
    assert len(files(settings)) == 10
    with django_capture_on_commit_callbacks(execute=True):
        product.delete()
    assert files(settings) == []


def test_deleting_a_body_image_deletes_its_files(settings, django_capture_on_commit_callbacks):
    from freedomstory.core.models import RichTextImage

    store_body_image(jpeg_upload(name="room.jpg"), alt="A room")
    assert len(files(settings)) == 10
    with django_capture_on_commit_callbacks(execute=True):
        RichTextImage.objects.all().delete()
    assert files(settings) == []


def test_an_image_only_a_body_shows_is_no_orphan(settings):
    from freedomstory.core.models import RichTextImage

    markup = store_body_image(jpeg_upload(name="room.jpg"), alt="A room")
    make_post(body=f"<p>Our room</p><figure>{markup}</figure>")
    RichTextImage.objects.all().delete()  # the row is gone; the body still shows the image
    shown = {name for name in files(settings) if name.endswith(".jpg") and "renditions" in name}
    default_storage.save("news/left.jpg", ContentFile(b"x"))

    out = StringIO()
    call_command("media_orphans", "--grace-minutes=0", "--delete", stdout=out)
    removed = out.getvalue().splitlines()
    assert "news/left.jpg" in removed and removed[-1].endswith("removed")
    assert shown and shown <= set(files(settings))


def test_a_file_a_body_links_at_an_earlier_media_url_is_no_orphan(settings):
    # MEDIA_URL moved (a CDN added): the body still holds the old address, which reading it
    # drops (the sanitiser); its file stays until a person rewrites the body.
    kept = default_storage.save("richtext/2020/01/old.jpg", ContentFile(b"x"))
    left = default_storage.save("news/left.jpg", ContentFile(b"y"))
    post = make_post(body="<p>Before</p>")
    body = f'<p><img src="https://old-cdn.example/{kept}" alt="Old"></p>'
    Post.objects.filter(pk=post.pk).update(body=Value(body))  # as stored before the move

    out = StringIO()
    call_command("media_orphans", "--grace-minutes=0", "--delete", stdout=out)
    assert out.getvalue().splitlines() == [left, "1 orphan file(s) removed"]
    assert kept in files(settings)


def test_after_media_moved_records_and_bodies_link_the_new_media_url(settings):
    markup = store_body_image(jpeg_upload(name="room.jpg"), alt="A room")
    body = f"<p>Our room</p><figure>{markup}</figure>"
    post = make_post(image=jpeg_upload(), image_alt="Pupils", body=body)
    assert post.picture.src.startswith("/media/renditions/")
    settings.MEDIA_URL = "https://cdn.example/media/"  # the files were copied there

    out = StringIO()
    call_command("media_relink", "--from=/media/", stdout=out)
    assert out.getvalue() == (
        "2 image record(s) and 1 rich-text body(ies) now link https://cdn.example/media/\n"
    )
    post = Post.objects.get(pk=post.pk)
    urls = [post.picture.src, *(c.split()[0] for c in post.picture.srcset.split(", "))]
    assert all(url.startswith("https://cdn.example/media/renditions/") for url in urls)
    assert 'src="https://cdn.example/media/renditions/' in post.body  # kept by the sanitiser
    assert '"/media/' not in post.body and ", /media/" not in post.body
    call_command("media_relink", "--from=/media/", stdout=out)  # again: nothing left to change
    assert out.getvalue().endswith(
        "0 image record(s) and 0 rich-text body(ies) now link https://cdn.example/media/\n"
    )


def test_the_queued_renditions_task_commits_or_rolls_back_with_the_post(settings):
    """The database backend writes the task's row in the saving transaction: the worker gets a
    task exactly for each post that was stored."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        make_post(image=jpeg_upload(), image_alt="Pupils")
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("rolled back")
    assert not DBTaskResult.objects.exists()
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs["args"][1] == post.pk and "pending" in post.image_renditions


def test_with_the_immediate_backend_the_saved_object_holds_its_renditions_at_once(settings):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    assert "pending" not in post.image_renditions
    assert len(rendition_names(post.image_renditions)) == 9
    assert len(files(settings)) == 10
