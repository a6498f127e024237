"""`make serve`: nginx on 127.0.0.1:8000 in front of gunicorn on a loopback port, as production
runs (deploy/nginx.conf), and the task worker beside them (`manage.py db_worker`, when
TASKS_BACKEND=database, as the Makefile's SERVE_ENV sets); Ctrl-C stops them all. Without nginx,
gunicorn alone (and the worker), and it says so. Everything they print reaches the terminal.

Run from the checkout as `python -m deploy.serve`, with the site's settings in the environment
(the Makefile's SERVE_ENV). tests/test_edge.py starts the same pair through `start_pair`.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deploy import nginx_config

ROOT = Path(__file__).resolve().parent.parent
STOP_SECONDS = 10


def gunicorn_command(bind, *extra):
    return [
        *(sys.executable, "-m", "gunicorn"),
        *("-c", str(ROOT / "deploy" / "gunicorn.conf.py")),
        *("--bind", bind),
        *extra,
        "freedomstory.wsgi",
    ]


def worker_command(*extra):
    """The task worker (django-tasks-db's), which runs what TASKS_BACKEND=database queues."""
    return [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload", *extra]


def start_pair(prefix, *, listen, app, env, log, gunicorn_args=(), tls=()):
    """gunicorn on `app` (host:port) behind nginx on `listen`, nginx's files under `prefix`;
    returns [gunicorn, nginx] as started processes. `tls`: (certificate, key), or nothing for
    plain http. gunicorn believes nginx (BEHIND_PROXY) and nobody else (FORWARDED_ALLOW_IPS:
    nginx's loopback address)."""
    env = {**env, "BEHIND_PROXY": "true", "FORWARDED_ALLOW_IPS": "127.0.0.1"}
    command = nginx_config.write_local(
        prefix,
        listen=listen,
        app=app,
        static_root=ROOT / "staticfiles",
        media_root=env.get("MEDIA_ROOT") or ROOT / "media",
        **({"tls_cert": tls[0], "tls_key": tls[1]} if tls else {}),
    )
    processes = []
    try:
        processes.append(
            subprocess.Popen(
                gunicorn_command(app, *gunicorn_args),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        processes.append(
            subprocess.Popen(command, cwd=prefix, env=env, stdout=log, stderr=subprocess.STDOUT)
        )
    except BaseException:
        stop(processes)
        raise
    return processes


def stop(processes):
    """Ask each process to stop (SIGTERM: a graceful stop for both); kill what is still there
    after STOP_SECONDS."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_SECONDS)


def nginx_available():
    return os.access(nginx_config.NGINX, os.X_OK)


def warn_alone(listen):
    print("!" * 78)
    print(f"!!! WARNING: nginx is not installed ({nginx_config.NGINX}) and could not be.")
    print(f"!!! Serving gunicorn ALONE on http://{listen}: nothing buffers slow clients,")
    print("!!! limits request bodies or request rates. Production must run behind nginx")
    print("!!! (deploy/nginx.conf; README, 'Behind nginx').")
    print("!" * 78, flush=True)


def start_site(prefix, *, listen, app, env, log):
    """What `make serve` runs, as {name: started process}: gunicorn behind nginx on `listen`
    (gunicorn alone on `listen` without nginx), and the task worker when TASKS_BACKEND is
    "database" (with "immediate" each task runs inside gunicorn's request)."""
    processes = {}
    try:
        if nginx_available():
            pair = start_pair(prefix, listen=listen, app=app, env=env, log=log)
            processes.update(zip(("gunicorn", "nginx"), pair, strict=True))
        else:
            warn_alone(listen)
            processes["gunicorn"] = subprocess.Popen(
                gunicorn_command(listen), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        if env.get("TASKS_BACKEND") == "database":
            processes["the task worker"] = subprocess.Popen(
                worker_command(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
    except BaseException:
        stop(processes.values())
        raise
    return processes


def main():
    listen = os.environ.get("SERVE_BIND", "127.0.0.1:8000")
    app = os.environ.get("SERVE_APP_BIND", "127.0.0.1:8001")
    prefix = Path(tempfile.mkdtemp(prefix="freedomstory-nginx-"))
    processes = start_site(prefix, listen=listen, app=app, env=dict(os.environ), log=None)
    names = ", ".join(processes)
    if "nginx" in processes:  # without it, start_site said so loudly
        print(f"Serving on http://{listen}: nginx (deploy/nginx.conf) in front of gunicorn")
        print(f"on {app}. nginx's logs: {prefix / 'logs'}.")
    if "the task worker" not in processes:
        print("No task worker: TASKS_BACKEND is not 'database', so tasks run in gunicorn.")
    print(f"Running {names}. Ctrl-C stops them all.", flush=True)
    # Ctrl-C reaches the children too (one process group); SIGTERM (a supervisor) only us.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while all(process.poll() is None for process in processes.values()):
            time.sleep(0.5)
        gone = next(name for name, process in processes.items() if process.poll() is not None)
        print(f"{gone} stopped; stopping the others.", flush=True)
    except (KeyboardInterrupt, SystemExit):
        print(f"Stopping {names}.", flush=True)
    finally:
        stop(processes.values())
        shutil.rmtree(prefix, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
