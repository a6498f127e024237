"""deploy/nginx.conf, filled in: for a server (printed) or for a run on loopback (written).

On a server (as root; see the README's "Behind nginx"):

    python3 deploy/nginx_config.py --server-name freedomstory.example \\
        --app unix:/run/freedomstory/gunicorn.sock \\
        --static-root /srv/freedomstory/staticfiles --media-root /srv/freedomstory/media \\
        --tls-cert /etc/letsencrypt/live/freedomstory.example/fullchain.pem \\
        --tls-key /etc/letsencrypt/live/freedomstory.example/privkey.pem \\
        > /etc/nginx/sites-available/freedomstory

As the load balancer of several app servers (media in S3-compatible storage, so nginx serves no
/media/; README, "Running on several servers"):

    python3 deploy/nginx_config.py --server-name freedomstory.example \\
        --app-server 10.0.0.11:8000 --app-server 10.0.0.12:8000 --remote-media \\
        --static-root /srv/freedomstory/staticfiles --tls-cert … --tls-key …

`make serve` and tests/test_edge.py call `write_local`: the same site, wrapped in
deploy/nginx-local.conf, with every file nginx writes under one folder of the caller's, so
nginx runs as an ordinary user. Standard library only: this runs before any virtualenv exists.
"""

import argparse
import getpass
import os
import re
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
SITE_TEMPLATE = DEPLOY / "nginx.conf"
LOCAL_TEMPLATE = DEPLOY / "nginx-local.conf"
NGINX = "/usr/sbin/nginx"

TLS_REDIRECT = """server {
    listen 80;
    listen [::]:80;
    server_name @SERVER_NAME@;
    server_tokens off;
    return 301 https://$host$request_uri;
}"""
TLS = """    listen [::]:443 ssl http2;
    ssl_certificate @TLS_CERT@;
    ssl_certificate_key @TLS_KEY@;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:freedomstory_tls:10m;
    ssl_session_timeout 1d;"""
# Uploaded images and their renditions (checked and re-encoded on upload), from this host's disk.
MEDIA = """    location /media/ {
        alias @MEDIA_ROOT@/;
        expires 7d;
        add_header X-Content-Type-Options nosniff;
    }"""
# Passive health checks, the same for every app server (deploy/nginx.conf says why).
APP_SERVER = "    server {address} max_fails=3 fail_timeout=10s;"


def fill(template, values):
    """`template` with every @NAME@ replaced; a marker left without a value is an error, so a
    typo never reaches nginx as a literal path."""
    text = template
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    left = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if left:
        raise ValueError(f"no value for {', '.join(left)}")
    return text


def app_servers_block(app):
    """The upstream's `server` lines: `app` is one address (host:port or unix:/path) or a list."""
    addresses = [app] if isinstance(app, (str, Path)) else list(app)
    if not addresses or not all(str(address).strip() for address in addresses):
        raise ValueError("at least one app server address is needed")
    if len(set(map(str, addresses))) != len(addresses):
        raise ValueError("an app server is named twice")
    return "\n".join(APP_SERVER.format(address=address) for address in addresses)


def render_site(
    *,
    listen,
    server_name,
    app,
    static_root,
    media_root,
    log_dir,
    tls_cert="",
    tls_key="",
    redirect_http=True,
):
    """The site config (nginx's `http` context). `app`: one app server's address or a list of
    them. `media_root`: the folder nginx serves /media/ from, or None when media live in
    S3-compatible storage (every host of several must: one server's disk is not another's).
    With a certificate it listens with TLS and, with `redirect_http`, sends port 80 to https."""
    if bool(tls_cert) != bool(tls_key):
        raise ValueError("--tls-cert and --tls-key go together")
    servers = app_servers_block(app)
    if media_root and servers.count("\n"):
        raise ValueError(
            "several app servers need media in S3-compatible storage (--remote-media): an upload "
            "lands on one server's disk, and nginx would serve /media/ from its own"
        )
    tls_values = {"SERVER_NAME": server_name, "TLS_CERT": tls_cert, "TLS_KEY": tls_key}
    media = fill(MEDIA, {"MEDIA_ROOT": Path(media_root).resolve()}) if media_root else ""
    return fill(
        SITE_TEMPLATE.read_text(),
        {
            "APP_SERVERS": servers,
            "LISTEN": f"{listen} ssl http2" if tls_cert else listen,
            "SERVER_NAME": server_name,
            "STATIC_ROOT": Path(static_root).resolve(),
            "MEDIA": media,
            "LOG_DIR": Path(log_dir).resolve(),
            "ERROR_PAGES": DEPLOY / "errors",
            "TLS": fill(TLS, tls_values) if tls_cert else "",
            "TLS_REDIRECT": fill(TLS_REDIRECT, tls_values) if tls_cert and redirect_http else "",
        },
    )


def write_local(prefix, *, listen, app, static_root, media_root, tls_cert="", tls_key=""):
    """Write an unprivileged nginx's config under `prefix` (made if needed); return the
    command that runs it in the foreground. With a certificate (the tests make one) it answers
    https only, as production does."""
    prefix = Path(prefix).resolve()
    for folder in ("logs", "temp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    site = render_site(
        listen=listen,
        server_name="localhost 127.0.0.1",
        app=app,
        static_root=static_root,
        media_root=media_root,
        log_dir=prefix / "logs",
        tls_cert=tls_cert,
        tls_key=tls_key,
        redirect_http=False,
    )
    (prefix / "site.conf").write_text(site)
    local = fill(LOCAL_TEMPLATE.read_text(), {"PREFIX": prefix, "USER": getpass.getuser()})
    if os.geteuid() != 0:
        # Only root may name a user; anyone else's nginx warns about the line and runs as itself.
        local = re.sub(r"(?m)^user .*\n", "", local)
    (prefix / "nginx.conf").write_text(local)
    # -e: nginx's start-up messages go to our log, not to /var/log/nginx, which it cannot open.
    return [
        NGINX,
        *("-p", str(prefix)),
        *("-c", str(prefix / "nginx.conf")),
        *("-e", str(prefix / "logs" / "error.log")),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Print deploy/nginx.conf filled in for a server.")
    parser.add_argument("--server-name", required=True, help="e.g. freedomstory.example")
    parser.add_argument(
        "--app-server",
        "--app",
        action="append",
        dest="app_servers",
        help="an app server's gunicorn: host:port or unix:/path/to.sock (its GUNICORN_BIND); "
        "repeat for each of several (default: one, 127.0.0.1:8001)",
    )
    parser.add_argument("--listen", default="443", help="nginx's port (default 443)")
    parser.add_argument("--static-root", required=True, help="STATIC_ROOT (collectstatic)")
    media = parser.add_mutually_exclusive_group(required=True)
    media.add_argument("--media-root", help="MEDIA_ROOT, served by nginx (one app server only)")
    media.add_argument(
        "--remote-media",
        action="store_true",
        help="media are in S3-compatible storage (AWS_STORAGE_BUCKET_NAME): no /media/ here",
    )
    parser.add_argument("--log-dir", default="/var/log/nginx")
    parser.add_argument("--tls-cert", default="", help="certificate chain (PEM)")
    parser.add_argument("--tls-key", default="", help="its private key (PEM)")
    args = parser.parse_args(argv)
    try:
        site = render_site(
            listen=args.listen,
            server_name=args.server_name,
            app=args.app_servers or ["127.0.0.1:8001"],
            static_root=args.static_root,
            media_root=args.media_root,
            log_dir=args.log_dir,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
        )
    except ValueError as error:
        parser.error(str(error))
    sys.stdout.write(site)


if __name__ == "__main__":
    main()
