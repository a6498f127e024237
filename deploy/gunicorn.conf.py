"""gunicorn settings: `make serve`, or `gunicorn -c deploy/gunicorn.conf.py freedomstory.wsgi`."""

import multiprocessing
import os

import environ

# The production server never runs in debug unless someone asks for it explicitly.
os.environ.setdefault("DEBUG", "false")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 20
# Seconds an idle connection from nginx stays open for its next request: longer than nginx keeps
# it (keepalive_timeout 4s in deploy/nginx.conf's upstream), so nginx always closes first and
# never sends a request on a connection gunicorn is closing.
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"

# Forwarded headers say which scheme the visitor used; believed from anyone, one request saying
# `X-Forwarded-Proto: https` would put https links into a page the cache then serves to all. So
# they are believed only with BEHIND_PROXY set (as settings.py's SECURE_PROXY_SSL_HEADER), and
# only from the proxy's addresses. Left unset, gunicorn would trust any client on 127.0.0.1.
if environ.Env().bool("BEHIND_PROXY", default=False):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
    # Only the header the proxy sets (and Django reads): gunicorn also believes X-Forwarded-Ssl
    # and X-Forwarded-Protocol by default, which a proxy that sets only X-Forwarded-Proto would
    # pass on from the client untouched.
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
else:
    # An empty list trusts no address; gunicorn trusts a UNIX-socket peer whatever the list
    # says, so the scheme headers themselves are emptied too.
    forwarded_allow_ips = ""
    secure_scheme_headers = {}
