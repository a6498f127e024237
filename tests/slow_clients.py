"""Clients for the edge test (tests/test_edge.py): visitors, slow clients holding connections
open, and one huge body sent as a stream. Raw sockets, so each can misbehave as attackers do;
every wait is bounded."""

import select
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field

HOST = "freedomstory.example"  # in the test's ALLOWED_HOSTS; nginx answers any name
TIMEOUT = 5.0


def _tls():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own certificate, made for this run
    return context


TLS = _tls()


def connect(port, tls=True, timeout=TIMEOUT):
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return TLS.wrap_socket(sock, server_hostname=HOST) if tls else sock


def get(port, path, tls=True, headers=None, method="GET", body=b""):
    """(status, {header: value}, body) of one request on a new connection, within TIMEOUT."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    with connect(port, tls) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        deadline = time.monotonic() + TIMEOUT
        chunks = []
        while time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head, _, content = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip()] = (
            f"{headers[name.strip()]}, {value.strip()}"
            if name.strip() in headers
            else value.strip()
        )
    return int(status_line.split()[1]), headers, content


@dataclass
class Visits:
    """What the visitors saw: each request's status (None: no answer in time) and latency."""

    results: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status, seconds):
        with self.lock:
            self.results.append((status, seconds))

    @property
    def success_rate(self):
        return sum(status == 200 for status, _ in self.results) / max(1, len(self.results))

    @property
    def p99(self):
        latencies = sorted(seconds for _, seconds in self.results)
        return latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0

    def summary(self):
        failed = len(self.results) - sum(status == 200 for status, _ in self.results)
        return (
            f"{len(self.results)} requests, {failed} failed, success "
            f"{self.success_rate:.1%}, p99 {self.p99 * 1000:.0f} ms"
        )


def visit_for(port, paths, seconds, visitors, tls=True, headers=None):
    """`visitors` threads each requesting `paths` in turn, a new connection each time, for
    `seconds`; returns the Visits."""
    visits = Visits()
    stop_at = time.monotonic() + seconds

    def visitor(offset):
        turn = offset
        while time.monotonic() < stop_at:
            path = paths[turn % len(paths)]
            turn += 1
            started = time.monotonic()
            try:
                status = get(port, path, tls, headers)[0]
            except (OSError, ValueError, IndexError):
                status = None
            visits.add(status, time.monotonic() - started)

    threads = [threading.Thread(target=visitor, args=(n,), daemon=True) for n in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + TIMEOUT + 5)
    return visits


class SlowClients:
    """`count` connections that each send a request line, then one more header line every
    `interval` seconds and never finish (Slowloris). A connection the server closes is opened
    again at once, so `count` stay open; `reopened` counts how often that happened."""

    def __init__(self, port, count=50, interval=2.0, tls=True):
        self.port, self.count, self.interval, self.tls = port, count, interval, tls
        self.sockets, self.reopened, self.failed_to_open = [], 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _open(self):
        try:
            sock = connect(self.port, self.tls, timeout=2)
            sock.sendall(f"GET /?slow HTTP/1.1\r\nHost: {HOST}\r\n".encode())
            return sock
        except OSError:
            self.failed_to_open += 1
            return None

    def __enter__(self):
        self.sockets = [self._open() for _ in range(self.count)]
        self._thread.start()
        return self

    def _run(self):
        line = 0
        while not self._stop.wait(self.interval):
            line += 1
            for index, sock in enumerate(self.sockets):
                try:
                    if sock is None:
                        raise OSError("not open")
                    sock.sendall(f"X-Slow-{line}: {index}\r\n".encode())
                except OSError:
                    if sock is not None:
                        sock.close()
                        self.reopened += 1
                    self.sockets[index] = self._open()

    @property
    def open_now(self):
        return sum(sock is not None for sock in self.sockets)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=self.interval + 10)
        for sock in self.sockets:
            if sock is not None:
                sock.close()


def post_huge_body(port, path, size, chunked=False, tls=True, seconds=10):
    """POST a body of `size` bytes (or chunked, with no declared size), sent as a stream from
    one 64 kB buffer and stopped as soon as an answer arrives; returns (status or None,
    bytes of body sent, seconds until the answer)."""
    block = b"a" * 65536
    head = [f"POST {path} HTTP/1.1", f"Host: {HOST}"]
    head.append("Content-Type: application/x-www-form-urlencoded")
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}")
    started, sent, answer = time.monotonic(), 0, b""
    with connect(port, tls) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        while not answer and sent < size and time.monotonic() - started < seconds:
            answer = _answer_so_far(sock)
            if answer:
                break  # the server answered: stop sending
            piece = block[: size - sent]
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            except OSError:  # the server stopped reading, or closed after answering
                break
            sent += len(piece)
        sock.settimeout(TIMEOUT)
        try:
            answer = answer or sock.recv(4096)
        except OSError:
            return None, sent, time.monotonic() - started
    answer = answer.decode("latin-1")
    status = int(answer.split()[1]) if answer.startswith("HTTP/") else None
    return status, sent, time.monotonic() - started


def _answer_so_far(sock):
    """What the server has sent so far, without waiting (b"" for nothing). A readable TLS
    socket may hold only TLS's own records (session tickets), not an answer."""
    if not (getattr(sock, "pending", lambda: 0)() or select.select([sock], [], [], 0)[0]):
        return b""
    sock.settimeout(0.05)
    try:
        return sock.recv(4096)
    except (TimeoutError, ssl.SSLWantReadError):
        return b""
    finally:
        sock.settimeout(2)
