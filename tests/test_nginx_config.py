"""deploy/nginx.conf, as deploy/nginx_config.py fills it in, is a config nginx accepts: for a
server (TLS, port 80 sent to https) and for an unprivileged run on loopback. What it does under
load is tests/test_edge.py's business (.ci/run)."""

import http.client
import os
import socket
import subprocess
import time

import pytest

from deploy import nginx_config, serve
from tests import slow_clients
from tests.subprocesses import make_certificate
from tests.test_two_servers import free_port

# CI (REQUIRE_NGINX=1) fails where nginx is missing instead of skipping, as the edge test does.
needs_nginx = pytest.mark.skipif(
    not serve.nginx_available() and not os.environ.get("REQUIRE_NGINX"),
    reason="nginx is not installed (`make nginx` installs it)",
)


def nginx_accepts(main_config, prefix):
    result = subprocess.run(
        [nginx_config.NGINX, "-t", "-p", str(prefix), "-c", str(main_config), "-e", "stderr"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.returncode == 0, result.stderr


def nginx_accepts_site(site, prefix):
    """nginx -t on a site's config, wrapped as Debian's /etc/nginx/nginx.conf includes
    sites-enabled/: inside `http`."""
    main = prefix / "main.conf"
    main.write_text(
        f"pid {prefix}/nginx.pid;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\n{site}\n}}\n"
    )
    return nginx_accepts(main, prefix)


@needs_nginx
def test_the_server_config_is_accepted_by_nginx(tmp_path):
    cert, key = make_certificate(tmp_path, "freedomstory.example")
    site = nginx_config.render_site(
        listen="443",
        server_name="freedomstory.example",
        app="unix:/run/freedomstory/gunicorn.sock",
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        log_dir=tmp_path,
        tls_cert=cert,
        tls_key=key,
    )
    assert "return 301 https://$host$request_uri;" in site
    accepted, errors = nginx_accepts_site(site, tmp_path)
    assert accepted, errors


@needs_nginx
def test_the_loopback_config_is_accepted_by_nginx(tmp_path):
    command = nginx_config.write_local(
        tmp_path / "nginx",
        listen=f"127.0.0.1:{free_port()}",
        app=f"127.0.0.1:{free_port()}",
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
    )
    accepted, errors = nginx_accepts(command[command.index("-c") + 1], tmp_path / "nginx")
    assert accepted, errors


@needs_nginx
def test_the_load_balancer_config_for_several_app_servers_is_accepted_by_nginx(tmp_path):
    cert, key = make_certificate(tmp_path, "freedomstory.example")
    site = nginx_config.render_site(
        listen="443",
        server_name="freedomstory.example",
        app=["10.0.0.11:8000", "10.0.0.12:8000", "unix:/run/freedomstory/gunicorn.sock"],
        static_root=tmp_path / "static",
        media_root=None,
        log_dir=tmp_path,
        tls_cert=cert,
        tls_key=key,
    )
    assert "server 10.0.0.12:8000 max_fails=3 fail_timeout=10s;" in site
    assert "proxy_next_upstream error timeout http_502 http_503;" in site
    assert "non_idempotent" not in site.split("proxy_next_upstream ", 1)[1].split(";")[0]
    assert "location /media/" not in site  # media come from S3-compatible storage
    accepted, errors = nginx_accepts_site(site, tmp_path)
    assert accepted, errors


def test_several_app_servers_with_media_on_one_disk_are_refused():
    with pytest.raises(ValueError, match="S3-compatible"):
        nginx_config.render_site(
            listen="443",
            server_name="freedomstory.example",
            app=["10.0.0.11:8000", "10.0.0.12:8000"],
            static_root="/srv/static",
            media_root="/srv/media",
            log_dir="/var/log/nginx",
        )


def test_the_command_line_takes_several_app_servers_and_defaults_to_the_local_one(capsys):
    common = ["--server-name", "freedomstory.example", "--static-root", "/srv/static"]
    nginx_config.main([*common, "--media-root", "/srv/media"])
    one = capsys.readouterr().out
    assert "server 127.0.0.1:8001 max_fails" in one and "location /media/" in one
    nginx_config.main(
        [*common, "--remote-media", "--app-server", "10.0.0.11:8000", "--app", "10.0.0.12:8000"]
    )
    several = capsys.readouterr().out
    assert "server 10.0.0.11:8000 max_fails" in several
    assert "server 10.0.0.12:8000 max_fails" in several
    assert "location /media/" not in several


def test_a_marker_left_without_a_value_is_refused():
    with pytest.raises(ValueError, match="@MEDIA_ROOT@"):
        nginx_config.fill("alias @MEDIA_ROOT@/;", {"STATIC_ROOT": "/srv/static"})


def test_a_certificate_needs_its_key():
    with pytest.raises(ValueError, match="go together"):
        nginx_config.render_site(
            listen="443",
            server_name="freedomstory.example",
            app="127.0.0.1:8001",
            static_root="/srv/static",
            media_root="/srv/media",
            log_dir="/var/log/nginx",
            tls_cert="/etc/ssl/cert.pem",
        )


def start_local_nginx(tmp_path, app=None, media_root="media"):
    """nginx on loopback in front of `app` (one address or several; by default one where nothing
    listens); its port and process."""
    port = free_port()
    command = nginx_config.write_local(
        tmp_path / "nginx",
        listen=f"127.0.0.1:{port}",
        app=app or f"127.0.0.1:{free_port()}",
        static_root=tmp_path / "static",
        media_root=media_root and tmp_path / media_root,
    )
    nginx = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return port, nginx
        except OSError:
            if time.monotonic() > deadline or nginx.poll() is not None:
                serve.stop([nginx])
                raise
            time.sleep(0.1)


@needs_nginx
def test_with_gunicorn_down_nginx_answers_with_the_sites_back_in_a_moment_page(tmp_path):
    port, nginx = start_local_nginx(tmp_path)
    try:
        status, _, body = slow_clients.get(port, "/news/", tls=False)
    finally:
        serve.stop([nginx])
    assert status == 502
    assert b"We will be back in a moment" in body


@needs_nginx
def test_pay_now_is_rate_limited_at_nginx_but_the_order_page_is_not(tmp_path):
    """Each "Pay now" asks Stripe about the order's payment page: a script pressing it in a
    loop would spend the site's Stripe API allowance that every donor's checkout needs."""
    port, nginx = start_local_nginx(tmp_path)
    try:
        pay = [_post(port, "/orders/some-token/pay/") for _ in range(12)]
        views = [slow_clients.get(port, "/orders/some-token/", tls=False)[0] for _ in range(12)]
    finally:
        serve.stop([nginx])
    assert pay[0] == 502 and 429 in pay  # the first goes through to the (absent) app
    assert set(views) == {502}


def _post(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", path, body=b"", headers={"Content-Length": "0"})
        return connection.getresponse().status
    finally:
        connection.close()
