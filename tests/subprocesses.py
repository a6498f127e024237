"""Running manage.py in a process of its own, as production and the two-server test do."""

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
