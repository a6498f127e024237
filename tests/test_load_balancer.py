"""deploy/nginx.conf as the load balancer of two app servers (stand-ins that count what reaches
them): with one server stopped every GET is still answered by the other, and a POST that reached
a server is never sent on to another one (an order must never be placed twice)."""

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from deploy import serve
from tests.test_nginx_config import needs_nginx, start_local_nginx

pytestmark = needs_nginx


class AppServer:
    """An app server stand-in on loopback that logs each request it receives. `fails`: it reads
    the request and closes the connection without answering, as a worker killed mid-request."""

    def __init__(self, name, fails=False):
        self.name, self.fails, self.log = name, fails, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                server.log.append((self.command, self.path))
                if server.fails:
                    self.close_connection = True
                    return
                body = server.name.encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_HEAD = _answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def count(self, method):
        return sum(1 for logged, _ in self.log if logged == method)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def ask(port, method, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        body = b"quantity=1" if method == "POST" else None
        headers = {"Host": "freedomstory.example"}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def balancer(tmp_path):
    started = {}

    def start(*app_servers):
        port, nginx = start_local_nginx(
            tmp_path, app=[server.address for server in app_servers], media_root=None
        )
        started["nginx"] = nginx
        return port

    yield start
    if "nginx" in started:
        serve.stop([started["nginx"]])


def test_with_one_app_server_stopped_every_get_is_answered_by_the_other(balancer):
    stopped, running = AppServer("a"), AppServer("b")
    stopped.stop()  # nothing listens on its address any more
    port = balancer(stopped, running)
    try:
        answers = [ask(port, "GET", f"/news/?n={n}") for n in range(10)]
        # Nothing reached the stopped server, so a POST may go to the other: not a repeat.
        posted = ask(port, "POST", "/cart/add/")
    finally:
        running.stop()
    assert answers == [(200, b"b")] * 10
    assert posted == (200, b"b")
    assert running.count("GET") == 10 and running.count("POST") == 1


def test_a_get_a_failing_server_dropped_is_tried_on_the_other_and_a_post_never_is(balancer):
    failing, running = AppServer("a", fails=True), AppServer("b")
    port = balancer(failing, running)
    try:
        gets = [ask(port, "GET", f"/shop/?n={n}") for n in range(4)]
        posts = [ask(port, "POST", f"/checkout/?n={n}") for n in range(4)]
    finally:
        failing.stop()
        running.stop()
    assert gets == [(200, b"b")] * 4
    assert failing.count("GET") >= 1  # some GETs did reach it first, and were tried again
    # Each POST reached exactly one server: those the failing one took got nginx's 502 page.
    assert failing.count("POST") + running.count("POST") == 4
    assert failing.count("POST") >= 1
    assert sorted(status for status, _ in posts) == [200] * running.count("POST") + [502] * (
        failing.count("POST")
    )
