"""The load benchmark behind `make bench`.

Builds a throwaway SQLite site with the demo content, serves it with gunicorn as production would
(DEBUG off, hashed static files), then sends a bounded number of requests from a thread pool on
loopback and prints throughput, latency percentiles and the workers' memory. Speed and memory
targets live here, not in timed tests.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/",
    "/news/",
    "/news/expanding-on-multiple-levels/",
    "/shop/",
    "/shop/freedom-story-t-shirt/",
    "/cart/summary.json",
    "/healthz",
]


def fetch(url):
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def rss_megabytes(pid):
    total = 0
    pids = [pid] + [
        int(p)
        for p in subprocess.run(
            ["pgrep", "-P", str(pid)], capture_output=True, text=True
        ).stdout.split()
    ]
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8300)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="freedomstory-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "SERVE_MEDIA": "true",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    debug_on = {**env, "DEBUG": "true"}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=debug_on, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=debug_on, check=True, capture_output=True)
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**env, "DEBUG": "false"},
        check=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--access-logfile",
            "/dev/null",
            "freedomstory.wsgi",
        ],
        cwd=ROOT,
        env={**env, "DEBUG": "false"},
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                fetch(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        print(f"{'page':<38}{'status':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        for page in PAGES:
            fetch(base + page)  # warm the page cache and the workers
            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                results = list(pool.map(fetch, [base + page] * args.requests))
            elapsed = time.perf_counter() - started
            timings = [t * 1000 for _status, t in results]
            p50, p95 = statistics.median(timings), percentile(timings, 0.95)
            statuses = sorted({status for status, _t in results})
            print(
                f"{page:<38}{','.join(map(str, statuses)):>8}{len(results) / elapsed:>9.0f}"
                f"{p50:>9.1f}{p95:>9.1f}{max(timings):>9.1f}"
            )
        print(f"gunicorn master + workers resident memory: {rss_megabytes(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
