"""Running manage.py in a process of its own, as production and the two-server test do."""

import contextlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A production set-up with everything a real one has (`check --deploy` passes with it).
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Qp2vLr9sT4wYz8aBc3dEf6gHj1kMn5oPq0rSt-uVwXyZ_2026",
    "ALLOWED_HOSTS": "freedomstory.example",
    "SITE_URL": "https://freedomstory.example",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "unused.sqlite3"),
    "BANK_NAME": "Kasikorn Bank, Chiang Rai branch",
    "BANK_ACCOUNT_NAME": "The Freedom Story Foundation",
    "BANK_ACCOUNT_NUMBER": "123-4-56789-0",
    "CHARITY_REGISTRATION_NUMBER": "CR 1234/2560",
    "CHARITY_ADDRESS": "99 Moo 1, Mae Chan, Chiang Rai 57110, Thailand",
    "CONTACT_EMAIL": "hello@freedomstory.example",
}


def run_manage(args, env):
    """`manage.py args` with exactly `env`; returns the finished process (bounded in time)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@contextlib.contextmanager
def collecting_static(env):
    """`collectstatic` (DEBUG off serves hashed names from its manifest, into the checkout's
    staticfiles/ as `make serve` does) in the background while the body builds the database;
    fails when it failed or took more than two minutes."""
    static = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield
    finally:
        try:
            output, _ = static.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            static.kill()
            raise
    assert static.returncode == 0, output


def make_certificate(folder, host):
    """A self-signed certificate for `host`, good for a day: (certificate, key) paths."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", f"/CN={host}", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key
