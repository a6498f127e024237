"""Which release this app server runs, for /healthz: behind a balancer, hosts that run different
commits (or were given different `collectstatic` output) show it, before visitors get a page
from one host whose hashed static names the other does not have."""

import functools
import subprocess

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage


@functools.cache
def current_release():
    """RELEASE from the environment (set by the deploy, e.g. the commit it checked out); else
    the commit of the checkout the site runs from; else "unknown". Asked once per process."""
    if settings.RELEASE:
        return settings.RELEASE
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=2,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else "unknown"


def static_files_manifest():
    """A hash of collectstatic's manifest (the hashed name of every static file), or None
    where static files are served as they are (development). Equal on hosts that serve the same
    hashed names."""
    return getattr(staticfiles_storage, "manifest_hash", None) or None
