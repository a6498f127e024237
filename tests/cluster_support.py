"""What the multi-server scripts share: processes started in process groups of their own and
stopped for sure, servers waited for within a bound; for tests/test_cluster.py also the cluster
itself (a PostgreSQL database of its own, moto's S3 server, the settings every process shares)
and what its steps look at (the bucket, the mail folders, a picture, a request cut short).

Used by tests/test_two_servers.py, tests/test_faults.py and tests/test_cluster.py.
"""

import contextlib
import email
import http.client
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from email import policy
from html import unescape

import boto3
import environ
import psycopg
import pytest
from PIL import Image

from deploy import serve
from tests.scripted_browser import NO_REDIRECTS, REQUEST_SECONDS
from tests.subprocesses import PRODUCTION_ENV, ROOT

STARTUP_SECONDS = 30
STOP_SECONDS = 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command, env, log_path):
    """`command` in a process group (a session) of its own, its output appended to `log_path`:
    stopping the group stops whatever it started too (gunicorn's workers)."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def start_gunicorn(port, env, log_path, *extra):
    """gunicorn as `make serve` runs it (deploy/serve.py's command, deploy/gunicorn.conf.py)."""
    return start(serve.gunicorn_command(f"127.0.0.1:{port}", *extra), env, log_path)


def signal_group(process, signum):
    """`signum` to every process of `process`'s group; nothing if the group is gone."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def group_alive(process):
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_groups(processes, seconds=STOP_SECONDS):
    """SIGTERM to each group, SIGKILL to what is left after `seconds`; reaps the leaders."""
    for process in processes:
        signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + seconds
    for process in processes:
        while group_alive(process) and time.monotonic() < deadline:
            process.poll()  # reap the leader, or its group id lingers as a zombie's
            time.sleep(0.05)
        signal_group(process, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=seconds)


def wait_until_answering(base, process, log_path, headers=None, seconds=STARTUP_SECONDS):
    """Until `base`/healthz answers 200 (bounded); fails with the log if the process exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[:4]} exited:\n{tail(log_path)}")
        request = urllib.request.Request(f"{base}/healthz", headers=headers or {})
        try:
            with NO_REDIRECTS.open(request, timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.1)
    pytest.fail(f"{base} did not answer within {seconds} s:\n{tail(log_path)}")


def wait_for(what, check, seconds, interval=0.2):
    """`check()`'s first truthy value within `seconds`; fails naming `what` otherwise."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {seconds} s (last: {value!r})")
        time.sleep(interval)


def tail(path, characters=6000):
    try:
        return open(path, errors="replace").read()[-characters:]
    except OSError as error:
        return f"({error})"


# --- the cluster: PostgreSQL database, moto, the settings every process shares -------------

HOST = "freedomstory.example"  # PRODUCTION_ENV's ALLOWED_HOSTS and SITE_URL
BUCKET = "freedomstory-cluster"
REGION = "us-east-1"


def connect(database_url, dbname=None):
    """A connection to the PostgreSQL of `database_url`: to its database, or to `dbname`."""
    config = environ.Env.db_url_config(database_url)
    return psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname=dbname or config["NAME"],
        autocommit=True,
        connect_timeout=5,
    )


def fresh_database(database_url, drop_only=False):
    """The database `database_url` names, dropped (whoever is connected) and made again."""
    name = environ.Env.db_url_config(database_url)["NAME"]
    with connect(database_url, "postgres") as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


class Cluster:
    """The processes and what the steps need to reach: servers by name, the bucket, the mail
    folders, the database."""

    def __init__(self, workdir, database_url, redis_url, endpoint):
        self.workdir, self.database_url = workdir, database_url
        self.web_mail, self.worker_mail = workdir / "mail-web", workdir / "mail-worker"
        self.env = cluster_env(database_url, redis_url, endpoint, self.web_mail)
        self.processes = {}  # name: (Popen, log path)
        self.bases = {}
        self.s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        self.media_url = f"{endpoint}/{BUCKET}/"

    def start_server(self, name, port=None):
        port = port or free_port()
        log = self.workdir / f"gunicorn-{name}.log"
        # Each "machine" has a disk of its own: media on a local disk would not be shared.
        env = {**self.env, "MEDIA_ROOT": str(self.workdir / f"disk-{name}")}
        self.processes[name] = (start_gunicorn(port, env, log), log)
        self.bases[name] = f"http://127.0.0.1:{port}"

    def wait_for_server(self, name):
        process, log = self.processes[name]
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        wait_until_answering(self.bases[name], process, log, headers=headers)

    def start_worker(self):
        env = {
            **self.env,
            "MEDIA_ROOT": str(self.workdir / "disk-worker"),
            # The worker's e-mails land apart from the web servers': who sent one is then known.
            "EMAIL_URL": f"filemail:///{self.worker_mail}",
            "LOG_LEVEL": "INFO",
        }
        log = self.workdir / "worker.log"
        command = serve.worker_command("--no-startup-delay")
        self.processes["worker"] = (start(command, env, log), log)

    def log(self, name, since=0):
        """The log of process `name` from character `since` on (its length: `log_size`)."""
        with open(self.processes[name][1], errors="replace") as log:
            return log.read()[since:]

    def log_size(self, name):
        return len(self.log(name))

    def keys(self):
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def object_bytes(self, key):
        return self.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()

    def query(self, sql, params=()):
        with connect(self.database_url) as connection:
            return connection.execute(sql, params).fetchall()


def start_moto(workdir):
    port = free_port()
    log = workdir / "moto.log"
    moto = start(
        [os.path.join(sys.prefix, "bin", "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        os.environ.copy(),
        log,
    )
    endpoint = f"http://127.0.0.1:{port}"

    def answering():
        try:
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2):
                return True
        except OSError:
            return moto.poll() is not None and pytest.fail(f"moto exited:\n{tail(log)}")

    try:
        wait_for("moto's S3 server answering", answering, 30)
    except BaseException:
        stop_groups([moto])
        raise
    return moto, log, endpoint


def cluster_env(database_url, redis_url, endpoint, mail_folder):
    """The settings of every app server and of the worker: production's, on PostgreSQL, Redis
    and the bucket, tasks queued in the database, e-mails written to `mail_folder`."""
    dropped = {"CACHE_DIR", "MEDIA_ROOT", "EMAIL_URL", "TASKS_BACKEND", "SENTRY_DSN"}
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in dropped and not key.startswith("AWS_")
    }
    env.update(PRODUCTION_ENV)
    env.update(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "cluster",
            # A balancer in front ends TLS and says so in X-Forwarded-Proto (as this script does).
            "BEHIND_PROXY": "true",
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "2",
            "TASKS_BACKEND": "database",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "EMAIL_URL": f"filemail:///{mail_folder}",
            "STAFF_NOTIFICATION_EMAILS": "staff@freedomstory.example",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


# --- what the steps look at -------------------------------------------------------------------


def uploaded_image():
    """A PNG, red on the left and blue on the right: recognisable in any rendition."""
    image = Image.new("RGB", (1200, 800), (200, 30, 30))
    image.paste((30, 30, 200), (600, 0, 1200, 800))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def looks_uploaded(content):
    image = Image.open(io.BytesIO(content)).convert("RGB")
    width, height = image.size
    left, right = image.getpixel((width // 4, height // 2)), image.getpixel((3 * width // 4, 0))
    return (
        abs(width / height - 1.5) < 0.02 and left[0] > 150 > left[2] and right[2] > 150 > right[0]
    )


def picture_urls(page):
    """The addresses of the post's image (<img src>, every srcset), or None without one; and
    whether its renditions are there (<source> elements)."""
    figure = re.search(r'<figure class="post__image">(.*?)</figure>', page, re.S)
    if not figure:
        return None, False
    urls = set()
    for attribute, value in re.findall(r"\b(src|srcset)=\"([^\"]*)\"", figure.group(1)):
        value = unescape(value)
        if attribute == "src":
            urls.add(value)
        else:
            urls.update(part.split()[0] for part in value.split(",") if part.strip())
    return sorted(urls), "<source" in figure.group(1)


def fetch_public(url):
    """What a visitor's browser gets for an image address (no cookies, no Host of ours)."""
    with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
        return response.read()


def messages(folder):
    """The e-mails Django's file backend wrote into `folder` (one file per connection, messages
    separated by a line of dashes)."""
    found = []
    for path in sorted(folder.glob("*")) if folder.exists() else []:
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip(), policy=policy.default))
    return found


def sent_to(folder, address):
    return [message for message in messages(folder) if address in str(message["To"])]


def add_in_flight(base, visitor, product):
    """A POST /cart/add/ to `base` whose body is not finished: (socket, the rest of the body)."""
    body = urllib.parse.urlencode(
        {"product": product, "quantity": 1, "csrfmiddlewaretoken": visitor.csrf_token()}
    ).encode()
    port = int(base.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=REQUEST_SECONDS)
    head = (
        f"POST /cart/add/ HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
        f"Origin: {visitor.origin}\r\nReferer: {visitor.origin}/\r\n"
        f"Cookie: {visitor.cookie_header()}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    sock.sendall(head.encode() + body[:-4])
    # gunicorn has taken the connection from the listening socket's queue: it is reading the
    # request now (else a stop would refuse the connection instead of cutting a request short).
    wait_for("the request in flight taken by the server", lambda: accept_queue(port) == 0, 10)
    time.sleep(0.3)
    return sock, body[-4:]


def accept_queue(port):
    """Connections waiting for accept() on the loopback listener on `port` (Linux's
    /proc/net/tcp: a listening socket's rx_queue is its accept queue), or None."""
    with open("/proc/net/tcp") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
                return int(fields[4].split(":")[1], 16)
    return None


def finish_in_flight(sock, rest):
    """The answer's status once the body is finished, or None when the server is gone."""
    try:
        sock.sendall(rest)
        response = http.client.HTTPResponse(sock)
        response.begin()
        response.read()
        return response.status, response.headers
    except OSError:  # reset, refused, timed out
        return None, None
    finally:
        sock.close()


def refuses_connections(base):
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=2):
            return False
    except urllib.error.HTTPError:
        return False
    except OSError:
        return True
