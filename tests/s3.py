"""A real S3 server for tests: moto's server mode (`moto_server`, the dev dependency) on a free
loopback port, and the site's default storage pointed at a fresh bucket there, configured by the
settings module itself from the environment an operator would set.

Skipped where moto is not installed, loudly; in CI (REQUIRE_S3 or CI set) that is a failure.
"""

import os
import runpy
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 20


def _moto_server():
    beside_python = Path(sys.executable).with_name("moto_server")
    return str(beside_python) if beside_python.exists() else shutil.which("moto_server")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """The address of a moto S3 server running for the whole session."""
    program = _moto_server()
    if program is None:
        if os.environ.get("REQUIRE_S3") or os.environ.get("CI"):
            pytest.fail("moto_server is missing: install the dev dependencies (moto[server])")
        pytest.skip("moto_server is missing: S3 tests skipped (install moto[server])")
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [program, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto_server did not answer on {endpoint}")
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def s3_environment(endpoint, bucket):
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }


def settings_from(environment, monkeypatch):
    """The settings module's values with `environment` set, as a server started with it has."""
    with monkeypatch.context() as patched:
        for name, value in environment.items():
            patched.setenv(name, value)
        return runpy.run_path(str(ROOT / "freedomstory" / "settings.py"))


@pytest.fixture
def s3_media(s3_endpoint, monkeypatch):
    """The default storage on a fresh bucket (django's storages cache is reset by the
    setting_changed signal override_settings sends). Yields the bucket as a boto3 Bucket."""
    import boto3

    bucket_name = f"media-{uuid.uuid4().hex[:12]}"
    environment = s3_environment(s3_endpoint, bucket_name)
    loaded = settings_from(environment, monkeypatch)
    s3 = boto3.resource(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    bucket = s3.create_bucket(Bucket=bucket_name)
    with override_settings(
        STORAGES={**settings.STORAGES, "default": loaded["STORAGES"]["default"]},
        MEDIA_URL=loaded["MEDIA_URL"],
    ):
        yield bucket


def object_names(bucket):
    return sorted(item.key for item in bucket.objects.all())
