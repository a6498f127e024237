"""deploy/gunicorn.conf.py believes forwarded headers only from a proxy the operator declared.

tests/test_two_servers.py shows the other half on a real server: a client claiming https gets a
page with http links.
"""

import runpy
from pathlib import Path

import pytest
from gunicorn.config import Config

CONFIG = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


def load_config(monkeypatch, **env):
    monkeypatch.setenv("DEBUG", "false")  # the file sets it when unset; keep it from leaking
    monkeypatch.delenv("BEHIND_PROXY", raising=False)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    loaded = runpy.run_path(str(CONFIG))
    # Through gunicorn's own validation, as the server reads them.
    config = Config()
    for name in ("forwarded_allow_ips", "secure_scheme_headers"):
        config.set(name, loaded[name])
    return config


@pytest.mark.parametrize("behind_proxy", [None, "false", ""])
def test_without_a_proxy_no_client_is_believed_about_the_scheme(monkeypatch, behind_proxy):
    env = {} if behind_proxy is None else {"BEHIND_PROXY": behind_proxy}
    config = load_config(monkeypatch, **env)
    assert config.forwarded_allow_ips == []
    assert config.secure_scheme_headers == {}


def test_behind_a_proxy_only_its_address_and_its_header_are_believed(monkeypatch):
    config = load_config(monkeypatch, BEHIND_PROXY="true")
    assert config.forwarded_allow_ips == ["127.0.0.1"]
    assert config.secure_scheme_headers == {"X-FORWARDED-PROTO": "https"}


def test_the_proxy_addresses_come_from_forwarded_allow_ips(monkeypatch):
    config = load_config(monkeypatch, BEHIND_PROXY="true", FORWARDED_ALLOW_IPS="10.0.0.0/8,::1")
    assert config.forwarded_allow_ips == ["10.0.0.0/8", "::1"]
