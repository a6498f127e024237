"""nginx in front of gunicorn, as production runs (deploy/nginx.conf, deploy/serve.py), on
loopback with TLS, DEBUG off and production settings: slow clients do not stop other visitors,
a huge body is refused before gunicorn sees it, floods get 429, and the headers a visitor gets.

Marked `edge`: `.ci/run` runs it (`pytest -m edge -s` prints each step); `make test` does not.
Skipped without nginx, except in CI (REQUIRE_NGINX=1), where that is a failure.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy import nginx_config, serve
from tests import slow_clients
from tests.subprocesses import (
    PRODUCTION_ENV,
    ROOT,
    collecting_static,
    make_certificate,
    run_manage,
)
from tests.test_two_servers import free_port

pytestmark = pytest.mark.edge

STARTUP_SECONDS = 30
VISITORS = 4
PAGES = ["/", "/news/", "/shop/", "/donate/"]
LOAD_SECONDS = 12
SLOW_CLIENTS = 50
HUGE = 400 * 1024 * 1024


def say(line):
    print(f"[edge] {line}", flush=True)


def site_env(workdir):
    dropped = {"DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "BEHIND_PROXY", "CACHE_DIR"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(PRODUCTION_ENV)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "CACHE_DIR": str(workdir / "cache"),
            "MEDIA_ROOT": str(workdir / "media"),
            "REDIS_URL": "",
            # gunicorn's temporary files (a request body Django spools to disk) land here.
            "TMPDIR": str(workdir / "app-tmp"),
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "2",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def folder_size(path):
    return sum(item.stat().st_size for item in Path(path).rglob("*") if item.is_file())


def wait_until_answering(port, processes, log_path, tls=True):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            pytest.fail(f"nginx or gunicorn exited:\n{log_path.read_text()}")
        try:
            if slow_clients.get(port, "/healthz", tls=tls)[0] == 200:
                return
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(0.2)
    pytest.fail(f"no answer through nginx in {STARTUP_SECONDS} s:\n{log_path.read_text()}")


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    if not serve.nginx_available():
        message = f"nginx is not installed ({nginx_config.NGINX}); `make nginx` installs it"
        if os.environ.get("REQUIRE_NGINX"):
            pytest.fail(message)
        pytest.skip(message)
    workdir = tmp_path_factory.mktemp("edge")
    (workdir / "app-tmp").mkdir()
    env = site_env(workdir)
    tls = make_certificate(workdir, slow_clients.HOST)
    with collecting_static(env):
        migrated = run_manage(["migrate", "--noinput", "-v0"], env)
        assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    port, app_port = free_port(), free_port()
    log_path = workdir / "servers.log"
    with log_path.open("w") as log:
        processes = serve.start_pair(
            workdir / "nginx",
            listen=f"127.0.0.1:{port}",
            app=f"127.0.0.1:{app_port}",
            env=env,
            log=log,
            tls=tls,
        )
        try:
            wait_until_answering(port, processes, log_path)
            say(f"nginx on 127.0.0.1:{port} (TLS) in front of gunicorn on 127.0.0.1:{app_port}")
            yield {"port": port, "app_port": app_port, "workdir": workdir, "log": log_path}
        finally:
            serve.stop(processes)


def test_the_headers_of_the_home_page_and_the_admin_sign_in_through_nginx(edge):
    for path in ("/", "/admin/login/"):
        status, headers, _ = slow_clients.get(edge["port"], path)
        say(f"GET {path} through nginx: {status}")
        for name, value in headers.items():
            say(f"    {name}: {value}")
        assert status == 200
        assert headers["Server"] == "nginx"  # no version
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_fifty_slow_clients_do_not_stop_other_visitors(edge):
    with slow_clients.SlowClients(edge["port"], count=SLOW_CLIENTS) as slow:
        time.sleep(1)
        say(f"{slow.open_now} slow clients connected, one header line every 2 s each")
        visits = slow_clients.visit_for(edge["port"], PAGES, LOAD_SECONDS, VISITORS)
        say(
            f"meanwhile {VISITORS} other visitors for {LOAD_SECONDS} s through nginx: "
            f"{visits.summary()}"
        )
        say(
            f"slow clients still open: {slow.open_now}; closed by nginx's header timeout "
            f"and opened again: {slow.reopened}"
        )
        assert slow.open_now >= SLOW_CLIENTS * 0.9
    assert len(visits.results) >= 40
    assert visits.success_rate >= 0.99
    assert visits.p99 < 2.0


def test_without_nginx_the_same_slow_clients_stop_gunicorn(edge):
    """What the test above would show without nginx: the same attack on gunicorn directly."""
    port = edge["app_port"]
    proxy = {"X-Forwarded-Proto": "https"}  # as nginx says it; gunicorn believes 127.0.0.1
    assert slow_clients.get(port, "/healthz", tls=False, headers=proxy)[0] == 200
    with slow_clients.SlowClients(port, count=SLOW_CLIENTS, tls=False):
        time.sleep(1)
        visits = slow_clients.visit_for(port, PAGES, 6, VISITORS, tls=False, headers=proxy)
    say(f"the same with gunicorn alone, for comparison: {visits.summary()}")
    # Every slow client holds one of gunicorn's four threads while it dawdles: visitors wait
    # for a free one, and many wait past their timeout.
    assert visits.success_rate < 0.9


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "chunked"])
def test_a_400_mb_post_is_refused_with_413_before_gunicorn_sees_it(edge, chunked):
    app_tmp = edge["workdir"] / "app-tmp"
    before = folder_size(app_tmp)
    # The form's page, through nginx (with no cart it sends the visitor to the cart): gunicorn's
    # access log shows what reaches it.
    assert slow_clients.get(edge["port"], "/checkout/")[0] == 302
    status, sent, seconds = slow_clients.post_huge_body(
        edge["port"], "/checkout/", HUGE, chunked=chunked
    )
    how = "chunked, no size declared" if chunked else "Content-Length: 400 MB"
    say(f"POST /checkout/ of 400 MB ({how}): {status} after {seconds:.2f} s, {sent:,} bytes sent")
    assert status == 413
    assert seconds < 5 and sent < 8 * 1024 * 1024
    time.sleep(0.5)  # gunicorn writes its access line as it answers: give it time to show up
    log = edge["log"].read_text()
    assert '"GET /checkout/ HTTP/1.0" 302' in log
    assert "POST /checkout/" not in log
    assert folder_size(app_tmp) == before
    say("gunicorn's access log has no POST /checkout/ and its temporary folder did not grow")


def test_floods_of_sign_ins_and_cart_requests_get_429(edge):
    port = edge["port"]
    answers = [slow_clients.get(port, "/admin/login/", method="POST") for _ in range(10)]
    sign_ins = [status for status, _, _ in answers]
    carts = [slow_clients.get(port, "/cart/summary.json")[0] for _ in range(40)]
    reading = [slow_clients.get(port, "/admin/login/")[0] for _ in range(10)]
    say(f"10 quick POSTs to /admin/login/: {sign_ins}")
    say(f"40 quick GETs of /cart/summary.json: {sorted(set(carts))}, {carts.count(429)} × 429")
    say(f"10 quick GETs of /admin/login/ (reading is not limited): {sorted(set(reading))}")
    assert 429 not in sign_ins[:5] and sign_ins[-1] == 429
    assert b"Please wait a minute, then try again." in answers[-1][2]  # deploy/errors/429.html
    assert carts[0] == 200 and carts.count(429) >= 10
    assert set(reading) == {200}


def test_make_serve_runs_nginx_in_front_and_the_task_worker_and_ctrl_c_stops_all(edge, tmp_path):
    """What `make serve` runs (python -m deploy.serve): plain http on loopback, as a newcomer
    tries it, with the task worker. Once it failed before starting anything: only the TLS pair
    had been tried."""
    env = {
        **site_env(edge["workdir"]),
        "HTTPS": "false",  # as the Makefile's SERVE_ENV
        "TASKS_BACKEND": "database",
        "SERVE_BIND": f"127.0.0.1:{free_port()}",
        "SERVE_APP_BIND": f"127.0.0.1:{free_port()}",
    }
    port = int(env["SERVE_BIND"].rsplit(":", 1)[1])
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        served = subprocess.Popen(
            [sys.executable, "-m", "deploy.serve"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the whole group, as in a terminal
        )
        try:
            wait_until_answering(port, [served], log_path, tls=False)
            status, headers, _ = slow_clients.get(port, "/", tls=False)
            say(f"make serve: GET / on plain http through nginx: {status}")
            assert status == 200 and headers.get("Server") == "nginx"
            deadline = time.monotonic() + STARTUP_SECONDS
            while "Starting worker" not in log_path.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert "Running gunicorn, nginx, the task worker." in log_path.read_text()
            assert "Starting worker" in log_path.read_text(), "the task worker did not start"
            os.killpg(served.pid, signal.SIGINT)
            assert served.wait(timeout=serve.STOP_SECONDS + 5) == 0
            assert "shutting down gracefully" in log_path.read_text()  # the worker, too
        finally:
            if served.poll() is None:
                os.killpg(served.pid, signal.SIGKILL)
    with pytest.raises(OSError):
        slow_clients.get(port, "/healthz", tls=False)
