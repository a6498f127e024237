"""gunicorn settings: `make serve`, or `gunicorn -c deploy/gunicorn.conf.py freedomstory.wsgi`."""

import multiprocessing
import os

# The production server never runs in debug unless someone asks for it explicitly.
os.environ.setdefault("DEBUG", "false")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 20
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
