"""Running manage.py in a process of its own, as production and the two-server test do."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
