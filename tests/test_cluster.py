"""Several app servers, tried as an operator runs them: on loopback, moto's S3 server with a
bucket, two gunicorn servers with the same production settings (DEBUG off, behind a balancer
that ends TLS) on one PostgreSQL database, one Redis database and that bucket, and the task
worker (`manage.py db_worker`). A scripted visitor and a scripted staff member alternate between
the servers, always with the site's one Host, as a load balancer sends them:

1. staff sign in on A and add a post with an image through the admin's form; on B the visitor
   sees the post and its image: every address in its <picture> is an object in the bucket, the
   bytes equal, the picture the one uploaded (the worker's renditions waited for);
2. the visitor adds to the cart on A and on B (the quantities add up on both), checks out on B
   and opens the order page on A; the receipt is delivered once, by the worker (the web servers
   and the worker write e-mails to folders of their own);
3. server A is stopped (SIGTERM in one run, SIGKILL in the other) while the visitor's add to the
   cart is in flight on it; the visitor's next request, on B, succeeds and nothing is lost (the
   cart's lines, the order, the post); A is started again, as an operator would;
4. staff withdraw the post on B (the change form, status draft): A answers 404 at once, and
   /news/ on A no longer lists it;
5. staff delete the post (the delete confirmation): its original and renditions leave the bucket.

One line per step (`[cluster] …`, shown with -s); the first broken step fails the test. Every
process runs in a process group of its own and is stopped in the fixture's teardown, also on
failure; every wait is bounded.

Marked `cluster`: `.ci/run` runs it after the suite. It reads DATABASE_URL (PostgreSQL; the
database it names is dropped, created and dropped again, so give it one of its own) and
REDIS_URL (a database number of its own: the test flushes it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/freedomstory_cluster \\
    REDIS_URL=redis://127.0.0.1:6379/14 \\
      .venv/bin/pytest -m cluster -s -p no:cacheprovider tests/test_cluster.py
"""

import json
import os
import re
import signal
import time
import urllib.parse

import environ
import pytest

from tests.cluster_support import (
    BUCKET,
    HOST,
    Cluster,
    add_in_flight,
    fetch_public,
    finish_in_flight,
    fresh_database,
    group_alive,
    looks_uploaded,
    picture_urls,
    refuses_connections,
    sent_to,
    start_moto,
    stop_groups,
    tail,
    uploaded_image,
    wait_for,
)
from tests.scripted_browser import DONOR, Browser, form_fields, sign_in_staff, with_values
from tests.subprocesses import collecting_static, run_manage

pytestmark = pytest.mark.cluster

PASSWORD = "cluster-test-password-0123"
PHONE_KEY = "3132333435363738393031323334353637383930"
# Bounds of the waits that depend on the worker (it polls the queue every second).
WORKER_SECONDS = 30
EMAIL_SETTLE_SECONDS = 1.5
CONTENT = f"""
from decimal import Decimal
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from shop.models import Product
# One staff member per run: a phone's code is accepted once, and both runs sign in within 30 s.
for run in ("sigterm", "sigkill"):
    staff = get_user_model().objects.create_superuser(
        f"editor-{{run}}", f"editor-{{run}}@example.org", "{PASSWORD}")
    TOTPDevice.objects.create(user=staff, name="Phone", key="{PHONE_KEY}", confirmed=True)
product = Product.objects.create(name="Cluster mug", slug="cluster-mug", price=Decimal("12.00"))
product.variants.update(stock=100)
print(product.pk)
"""


def say(line):
    print(f"[cluster] {line}", flush=True)


def settings_from_environment():
    database, redis = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database.startswith(("postgres://", "postgresql://")) or not redis:
        pytest.skip(
            "the cluster script needs DATABASE_URL (PostgreSQL, a database of its own) and "
            "REDIS_URL (a database number of its own): see .ci/run"
        )
    return database, redis


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    database_url, redis_url = settings_from_environment()
    workdir = tmp_path_factory.mktemp("cluster")
    started = time.monotonic()
    fresh_database(database_url)
    cluster = None
    try:
        moto, moto_log, endpoint = start_moto(workdir)
        cluster = Cluster(workdir, database_url, redis_url, endpoint)
        cluster.processes["moto"] = (moto, moto_log)
        cluster.s3.create_bucket(Bucket=BUCKET)
        with collecting_static(cluster.env):
            for args in (["migrate", "--noinput", "-v0"], ["shell", "-c", CONTENT]):
                result = run_manage(args, cluster.env)
                assert result.returncode == 0, result.stdout + result.stderr
        cluster.product = int(result.stdout.split()[-1])
        cluster.start_server("a")
        cluster.start_server("b")
        cluster.start_worker()
        cluster.wait_for_server("a")
        cluster.wait_for_server("b")
        say(
            f"up in {time.monotonic() - started:.1f} s: moto S3 {endpoint} (bucket {BUCKET}), "
            f"gunicorn A {cluster.bases['a']} and B {cluster.bases['b']}, db_worker; "
            f"PostgreSQL {environ.Env.db_url_config(database_url)['NAME']}, Redis {redis_url}"
        )
        yield cluster
    finally:
        if cluster:
            stop_groups([process for process, _ in cluster.processes.values()])
        fresh_database(database_url, drop_only=True)


# --- the steps ---------------------------------------------------------------------------------


class Step:
    """One step of the story: `check` fails the test naming the step; `done` prints its line."""

    def __init__(self, label):
        self.label = label

    def check(self, condition, message, context=""):
        if not condition:
            context = f"\n{str(context)[:3000]}" if context != "" else ""
            pytest.fail(f"[cluster] BROKEN at {self.label}: {message}{context}", pytrace=False)

    def done(self, detail):
        say(f"{self.label}: {detail}")


def step_1_post_added_on_a_seen_on_b(cluster, staff, visitor, run):
    step = Step(f"{run} 1/5 post with an image added on A, seen on B")
    a, b = cluster.bases["a"], cluster.bases["b"]
    sign_in_staff(staff, a, f"editor-{run.lower()}", PASSWORD, PHONE_KEY)
    slug = f"cluster-story-{run.lower()}"
    before = cluster.keys()
    form = staff.get(a, "/admin/news/post/add/")
    step.check(form.status == 200, "the admin's add form did not open on A", form)
    fields = with_values(
        form_fields(form.text, "post_form"),
        # The English fields (the admin has a field per language: title_en, title_th).
        title_en=f"A story told on two servers ({run})",
        slug=slug,
        body_en="<p>Uploaded through one server, read through the other.</p>",
        image_alt_en="Red on the left, blue on the right",
        status="published",
        _save="Save",
    )
    image = ("image", "two-halves.png", "image/png", uploaded_image())
    answer = staff.post(a, "/admin/news/post/add/", fields, files=[image])
    step.check(
        answer.status == 200 and "was added successfully" in answer.text,
        "the admin did not add the post",
        answer,
    )
    pk = cluster.query("SELECT id FROM news_post WHERE slug = %s", [slug])[0][0]

    def renditions_shown():
        page = visitor.get(b, f"/news/{slug}/")
        urls, complete = picture_urls(page.text) if page.status == 200 else (None, False)
        return urls if complete else None

    started = time.monotonic()
    urls = wait_for(
        f"{run}: B showing the post's picture with renditions", renditions_shown, WORKER_SECONDS
    )
    waited = time.monotonic() - started
    keys = cluster.keys()
    for url in urls:
        step.check(
            url.startswith(cluster.media_url),
            f"an image address on B is not in the bucket ({cluster.media_url}…)",
            url,
        )
        step.check("Signature" not in url and "?" not in url, "a public image URL is signed", url)
        key = urllib.parse.unquote(url[len(cluster.media_url) :])
        step.check(key in keys, f"B links an object the bucket does not hold: {key}", sorted(keys))
        content = fetch_public(url)
        step.check(content == cluster.object_bytes(key), f"bytes differ from the object {key}")
        step.check(looks_uploaded(content), f"{key} is not the picture staff uploaded")
    files = (keys - before) | {urllib.parse.unquote(u[len(cluster.media_url) :]) for u in urls}
    step.done(
        f"B shows post {pk} with {len(urls)} image addresses in the bucket, bytes equal to the "
        f"stored objects, the uploaded picture in each ({len(files)} objects; renditions shown "
        f"after {waited:.1f} s)"
    )
    return pk, slug, files


def add_to_cart(step, visitor, base, product, quantity):
    answer = visitor.post(
        base, "/cart/add/", {"product": product, "quantity": quantity}, follow=False
    )
    step.check(answer.status == 302, f"adding to the cart on {base} was refused", answer)


def cart_lines(step, visitor, base):
    answer = visitor.get(base, "/cart/summary.json")
    step.check(answer.status == 200, f"/cart/summary.json on {base}", answer)
    data = json.loads(answer.text)
    return data["count"], [(line["product"], line["quantity"]) for line in data["lines"]]


def step_2_cart_on_both_checkout_on_b_receipt_by_the_worker(cluster, visitor, run):
    step = Step(f"{run} 2/5 cart on A and B, checkout on B, order on A, receipt by the worker")
    a, b, product = cluster.bases["a"], cluster.bases["b"], cluster.product
    log_start = cluster.log_size("worker")
    add_to_cart(step, visitor, a, product, 1)
    add_to_cart(step, visitor, b, product, 2)
    for base in (a, b):
        seen = cart_lines(step, visitor, base)
        step.check(seen == (3, [(product, 3)]), f"the cart on {base} is not 1 + 2", seen)
    address = f"donor-{run.lower()}@example.org"
    step.check(visitor.get(b, "/checkout/").status == 200, "the checkout page on B")
    answer = visitor.post(b, "/checkout/", {**DONOR, "email": address}, follow=False)
    location = answer.headers.get("Location", "") if answer.headers else ""
    step.check(answer.status == 302 and "/orders/" in location, "checkout on B", answer)
    order_path = urllib.parse.urlsplit(location).path
    page = visitor.get(a, order_path)
    step.check(page.status == 200 and "Cluster mug" in page.text, "the order page on A", page)

    def delivered():
        return sent_to(cluster.worker_mail, address) or sent_to(cluster.web_mail, address)

    started = time.monotonic()
    wait_for(f"{run}: the receipt to {address}", delivered, WORKER_SECONDS)
    waited = time.monotonic() - started
    time.sleep(EMAIL_SETTLE_SECONDS)
    by_web = sent_to(cluster.web_mail, address)
    step.check(
        not by_web,
        f"{len(by_web)} e-mail(s) to the donor sent by a web server, in the request, not by "
        "the worker",
    )
    by_worker = sent_to(cluster.worker_mail, address)
    step.check(len(by_worker) == 1, f"{len(by_worker)} receipts delivered, not 1")
    worker_log = cluster.log("worker", since=log_start)
    ran = re.findall(r"Task id=\S+ path=(\S+) state=SUCCESSFUL", worker_log)
    mail_tasks = sorted({path for path in ran if "mail" in path})
    step.check(mail_tasks, "the worker's log names no e-mail task it ran", worker_log[-3000:])
    step.done(
        "quantities 1 + 2 = 3 on both servers; the order placed on B, its page shown on A; "
        f"1 receipt to the donor, by the worker after {waited:.1f} s (still 1 after "
        f"{EMAIL_SETTLE_SECONDS} s); the worker's log: {', '.join(mail_tasks)}"
    )
    return order_path


def step_3_server_a_stopped_mid_way(cluster, visitor, run, signum, order_path, slug):
    step = Step(f"{run} 3/5 server A stopped ({signal.Signals(signum).name}) mid-request")
    a, b, product = cluster.bases["a"], cluster.bases["b"], cluster.product
    add_to_cart(step, visitor, a, product, 1)
    add_to_cart(step, visitor, b, product, 1)
    count, lines = cart_lines(step, visitor, b)
    step.check((count, lines) == (2, [(product, 2)]), "a new cart of 1 + 1", (count, lines))
    process, log = cluster.processes["a"]
    sock, rest = add_in_flight(a, visitor, product)  # A's worker is waiting for its body
    os.killpg(process.pid, signum)
    # The stop under way (listeners closed, the worker told) before the body is finished: the
    # request straddles it.
    time.sleep(0.3)
    status, headers = finish_in_flight(sock, rest)
    if headers is not None:
        visitor.keep_cookies(headers)
    wait_for(
        f"{run}: server A gone", lambda: process.poll() is not None and not group_alive(process), 30
    )
    step.check(refuses_connections(a), "server A still answers")
    if signum == signal.SIGTERM:
        # A graceful stop: the request in flight is answered before the server goes.
        step.check(status == 302, "the add in flight during SIGTERM was not answered", status)
        expected = 3
    else:
        step.check(status is None, "an answer from a SIGKILLed server", status)
        expected = 2
    count, lines = cart_lines(step, visitor, b)
    step.check(
        (count, lines) == (expected, [(product, expected)]),
        f"the cart on B after A stopped holds {lines}, not {expected}",
        tail(log),
    )
    order = visitor.get(b, order_path)
    step.check(order.status == 200 and "Cluster mug" in order.text, "the order on B", order)
    post = visitor.get(b, f"/news/{slug}/")
    step.check(post.status == 200 and picture_urls(post.text)[0], "the post on B", post)
    in_flight = "answered 302 before A stopped" if status else "got no answer (A killed)"
    step.done(
        f"the add in flight on A {in_flight}; next request on B: 200, the cart holds "
        f"{expected}, the order and the post are there"
    )
    port = int(a.rsplit(":", 1)[1])
    started = time.monotonic()
    cluster.start_server("a", port=port)
    cluster.wait_for_server("a")
    say(f"{run}     server A started again on port {port} in {time.monotonic() - started:.1f} s")


def step_4_withdrawn_on_b_gone_on_a(cluster, staff, visitor, run, pk, slug):
    step = Step(f"{run} 4/5 post withdrawn on B, gone on A")
    a, b = cluster.bases["a"], cluster.bases["b"]
    path = f"/admin/news/post/{pk}/change/"
    form = staff.get(b, path)
    step.check(form.status == 200, "the change form on B (staff signed in on A)", form)
    fields = with_values(form_fields(form.text, "post_form"), status="draft", _save="Save")
    answer = staff.post(b, path, fields)
    step.check(
        answer.status == 200 and "was changed successfully" in answer.text,
        "the admin did not save the post as a draft",
        answer,
    )
    post = visitor.get(a, f"/news/{slug}/")
    step.check(post.status == 404, f"A answers {post.status} for the withdrawn post", post)
    listing = visitor.get(a, "/news/")
    step.check(listing.status == 200 and slug not in listing.text, "/news/ on A lists it", listing)
    step.done("the next request on A: 404 for the post, and /news/ no longer lists it")


def step_5_deleted_files_leave_the_bucket(cluster, staff, run, pk, files):
    step = Step(f"{run} 5/5 post deleted, its files gone from the bucket")
    a = cluster.bases["a"]
    answer = staff.post(a, f"/admin/news/post/{pk}/delete/", {"post": "yes"})
    step.check(
        answer.status == 200 and "was deleted successfully" in answer.text,
        "the admin did not delete the post",
        answer,
    )
    started = time.monotonic()

    def gone():
        return not (files & cluster.keys())

    deadline = time.monotonic() + WORKER_SECONDS
    while not gone() and time.monotonic() < deadline:
        time.sleep(0.2)
    left = sorted(files & cluster.keys())
    step.check(not left, f"{len(left)} of the post's {len(files)} objects left in the bucket", left)
    step.done(
        f"by staff still signed in on the restarted A; all {len(files)} objects gone from the "
        f"bucket after {time.monotonic() - started:.1f} s"
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_two_servers_a_worker_and_a_bucket_lose_nothing_when_a_server_stops(cluster, signum):
    run = signal.Signals(signum).name
    if cluster.processes["a"][0].poll() is not None:
        cluster.start_server("a")
        cluster.wait_for_server("a")
    started = time.monotonic()
    staff, visitor = Browser(HOST, https=True), Browser(HOST, https=True)
    pk, slug, files = step_1_post_added_on_a_seen_on_b(cluster, staff, visitor, run)
    order_path = step_2_cart_on_both_checkout_on_b_receipt_by_the_worker(cluster, visitor, run)
    step_3_server_a_stopped_mid_way(cluster, visitor, run, signum, order_path, slug)
    step_4_withdrawn_on_b_gone_on_a(cluster, staff, visitor, run, pk, slug)
    step_5_deleted_files_leave_the_bucket(cluster, staff, run, pk, files)
    say(f"{run} run: all 5 steps passed in {time.monotonic() - started:.1f} s")
