"""Faults under load, as a red team would cause them: gunicorn (3 workers) on a PostgreSQL
database of its own, donors adding to carts and checking out from several clients, while one
worker is killed with SIGKILL and PostgreSQL is restarted once. Nothing lost, nothing doubled:
every checkout answered with its order's page has that order stored, no order lacks its lines,
and for every product the stock now plus the units ordered is the stock before. 503s are allowed
while the database is away; a 500 is not.

The restart happens only when no other client is connected to this PostgreSQL (other test runs
would lose their connections); otherwise it is skipped, and the output says so and why
(FAULTS_SKIP_RESTART=1 skips it always); the script's own database is then taken away for a
few seconds instead (connections dropped, new ones refused). Marked `faults`: `.ci/run` runs it
on PostgreSQL (`pytest -m faults -s` prints each step); `make test` does not.
"""

import json
import os
import secrets
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import environ
import psycopg
import pytest

from deploy import serve
from tests.cluster_support import free_port
from tests.cluster_support import wait_until_answering as wait_for_gunicorn
from tests.scripted_browser import DONOR, NO_REDIRECTS, cookie_header, keep_cookies
from tests.subprocesses import PRODUCTION_ENV, ROOT, run_manage

pytestmark = pytest.mark.faults

CLIENTS = 6
LOAD_SECONDS = 20
KILL_AT, RESTART_AT = 6, 11
STOCK = 500
REQUEST_SECONDS = 10
PG_READY_SECONDS = 60
PRODUCTS = """
import json
from decimal import Decimal
from shop.models import Product
made = []
for number in range(1, 4):
    product = Product.objects.create(
        name=f"Fault product {number}", slug=f"fault-{number}", price=Decimal("10.00"))
    product.variants.update(stock=%d)
    made.append(product.pk)
print(json.dumps(made))
"""


def say(line):
    print(f"[faults] {line}", flush=True)


def server_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the fault script runs on PostgreSQL: set DATABASE_URL (see .ci/run)")
    return environ.Env.db_url_config(url)


def admin_connection(config, dbname="postgres"):
    return psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
        connect_timeout=5,
    )


def wait_for_postgresql(config):
    deadline = time.monotonic() + PG_READY_SECONDS
    while True:
        try:
            with admin_connection(config):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


class Donor:
    """One client: its own cookies, a CSRF token of its own making (Django accepts any
    well-formed secret the cookie and the form agree on), no redirects followed."""

    def __init__(self, base, statuses, lock):
        self.base, self.statuses, self.lock = base, statuses, lock
        self.cookies = {"csrftoken": secrets.token_hex(16)}
        self.orders = []  # tokens of orders whose page a checkout answered with

    def post(self, path, fields):
        data = {**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Host": "127.0.0.1", "Cookie": cookie_header(self.cookies)},
        )
        try:
            with NO_REDIRECTS.open(request, timeout=REQUEST_SECONDS) as response:
                status, headers = response.status, response.headers
        except urllib.error.HTTPError as error:
            status, headers = error.code, error.headers
        except OSError:  # the worker was killed mid-request, or a timeout
            status, headers = None, None
        with self.lock:
            self.statuses[(path, status)] += 1
        if headers is not None:
            keep_cookies(self.cookies, headers)
        return status, headers

    def shop(self, products, deadline):
        turn = 0
        while time.monotonic() < deadline:
            turn += 1
            for product in (products[turn % 3], products[(turn + 1) % 3]):
                self.post("/cart/add/", {"product": product, "quantity": 1 + turn % 2})
            # A donor whose checkout got no answer or a 503 presses the button again until the
            # site answers (bounded): an order placed just before the database went away is then
            # found, not placed twice.
            patience = time.monotonic() + PG_READY_SECONDS
            while True:
                status, headers = self.post("/checkout/", {**DONOR, "email": self._email()})
                if status == 302 and "/orders/" in headers["Location"]:
                    self.orders.append(headers["Location"].rstrip("/").rsplit("/", 1)[-1])
                if status not in (None, 503) or time.monotonic() > patience:
                    break
                time.sleep(0.5)

    def _email(self):
        return f"donor-{id(self)}@example.org"


def other_clients(config, own_database):
    """Databases other clients of this PostgreSQL are connected to, besides us."""
    with admin_connection(config) as connection:
        rows = connection.execute(
            "SELECT DISTINCT coalesce(datname, '?') FROM pg_stat_activity "
            "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() "
            "AND datname IS DISTINCT FROM %s",
            [own_database],
        ).fetchall()
    return sorted(row[0] for row in rows)


def restart_postgresql(config, own_database):
    if os.environ.get("FAULTS_SKIP_RESTART"):
        say("PostgreSQL restart SKIPPED: FAULTS_SKIP_RESTART is set")
        return False
    others = other_clients(config, own_database)
    if others:
        say(f"PostgreSQL restart SKIPPED: other clients are connected (to {', '.join(others)})")
        return False
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", "-m", "fast", version, "main", "restart"],
        check=True,
        capture_output=True,
        timeout=90,
    )
    wait_for_postgresql(config)
    say(f"PostgreSQL {version} restarted; answering again after {time.monotonic() - started:.1f} s")
    return True


def take_own_database_away(config, own_database, seconds=3):
    """The restart's effect on this script's database alone, when a real restart would hurt
    others: every connection to it dropped and new ones refused for `seconds`."""
    with admin_connection(config) as connection:
        connection.execute(f'ALTER DATABASE "{own_database}" ALLOW_CONNECTIONS false')
        dropped = connection.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
            [own_database],
        ).fetchone()[0]
        time.sleep(seconds)
        connection.execute(f'ALTER DATABASE "{own_database}" ALLOW_CONNECTIONS true')
    say(
        f"instead: {dropped} connections to {own_database} dropped, "
        f"new ones refused for {seconds} s"
    )


def kill_one_worker(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    victim = int(children[0])
    os.kill(victim, signal.SIGKILL)
    say(f"SIGKILL to gunicorn worker {victim} (of {len(children)})")


def stored(config, database, products):
    with admin_connection(config, database) as connection:
        tokens = {row[0] for row in connection.execute("SELECT token FROM shop_order")}
        orders_without_lines = connection.execute(
            "SELECT count(*) FROM shop_order o WHERE NOT EXISTS "
            "(SELECT 1 FROM shop_orderline l WHERE l.order_id = o.id)"
        ).fetchone()[0]
        stock = dict(
            connection.execute(
                "SELECT product_id, stock FROM shop_variant WHERE product_id = ANY(%s)",
                [products],
            ).fetchall()
        )
        ordered = dict(
            connection.execute(
                "SELECT product_id, sum(quantity) FROM shop_orderline GROUP BY product_id"
            ).fetchall()
        )
    return tokens, orders_without_lines, stock, ordered


@pytest.fixture
def faults_database():
    config = server_url()
    name = f"fs_faults_{secrets.token_hex(4)}"
    with admin_connection(config) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield config, name
    finally:
        wait_for_postgresql(config)
        with admin_connection(config) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_killed_worker_and_a_postgresql_restart_lose_and_double_nothing(
    faults_database, tmp_path
):
    config, database = faults_database
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    dropped = {"DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "BEHIND_PROXY", "CACHE_DIR"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(PRODUCTION_ENV)
    env.update(
        {
            "DATABASE_URL": url._replace(path=f"/{database}").geturl(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "HTTPS": "false",
            "CACHE_DIR": str(tmp_path / "cache"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "REDIS_URL": "",
            "WEB_CONCURRENCY": "3",
            "LOG_LEVEL": "WARNING",
            # A few donors on one address place hundreds of orders here: the limits that stop
            # one client emptying the shop (shop/order_limits.py) are not what this measures.
            "ORDER_RATE_LIMIT_PER_ADDRESS": "100000",
            "ORDER_RATE_LIMIT_PER_EMAIL": "100000",
            "ORDER_UNITS_PER_ADDRESS": "1000000",
        }
    )
    for args in (["migrate", "--noinput", "-v0"], ["shell", "-c", PRODUCTS % STOCK]):
        result = run_manage(args, env)
        assert result.returncode == 0, result.stdout + result.stderr
    products = json.loads(result.stdout.strip().splitlines()[-1])
    before = dict.fromkeys(products, STOCK)

    port, log_path = free_port(), tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        master = subprocess.Popen(
            serve.gunicorn_command(f"127.0.0.1:{port}"),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_gunicorn(base, master, log_path)
            say(f"gunicorn (3 workers) on {base}, database {database}, 3 products × {STOCK}")
            statuses, lock = Counter(), threading.Lock()
            donors = [Donor(base, statuses, lock) for _ in range(CLIENTS)]
            started = time.monotonic()
            threads = [
                threading.Thread(target=donor.shop, args=(products, started + LOAD_SECONDS))
                for donor in donors
            ]
            for thread in threads:
                thread.start()
            say(f"{CLIENTS} donors adding and checking out for {LOAD_SECONDS} s")
            time.sleep(KILL_AT)
            kill_one_worker(master)
            time.sleep(max(0, started + RESTART_AT - time.monotonic()))
            restarted = restart_postgresql(config, database)
            if not restarted:
                take_own_database_away(config, database)
            for thread in threads:
                thread.join(timeout=LOAD_SECONDS + 3 * REQUEST_SECONDS + PG_READY_SECONDS)
            assert not any(thread.is_alive() for thread in threads)
        finally:
            serve.stop([master])

    wait_for_postgresql(config)
    tokens, orders_without_lines, stock, ordered = stored(config, database, products)
    answered = [token for donor in donors for token in donor.orders]
    by_status = Counter()
    for (_, status), count in statuses.items():
        by_status[status] += count
    failed = {str(s): n for s, n in sorted(by_status.items(), key=str) if s not in (200, 302)}
    say(f"requests sent: {sum(statuses.values())}; failed by status: {failed or 'none'}")
    lost_answers = statuses[("/checkout/", None)]
    say(
        f"orders stored: {len(tokens)}; checkouts answered with their order: {len(answered)}; "
        f"checkout answers lost (worker killed, timeout): {lost_answers}"
    )
    say(f"orders without lines: {orders_without_lines}")
    for product in products:
        units = ordered.get(product, 0)
        say(
            f"product {product}: stock now {stock[product]} + units ordered {units} = "
            f"{stock[product] + units} (stock before {before[product]})"
        )
    assert 500 not in by_status, (by_status, log_path.read_text()[-5000:])
    assert set(answered) <= tokens  # every order a donor was shown is stored
    assert len(answered) == len(set(answered))  # and no donor was shown one twice
    # An order nobody was shown is one whose answer was lost: never a second order of a cart.
    assert len(tokens) - len(answered) <= lost_answers
    assert orders_without_lines == 0
    assert all(stock[p] + ordered.get(p, 0) == before[p] for p in products)
    assert len(answered) >= CLIENTS
    say(f"503s while the database was away: {by_status.get(503, 0)}")
