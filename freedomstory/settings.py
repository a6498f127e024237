"""Settings for freedomstory, read from the environment (see .env.example and the README).

Development defaults are safe to run on a laptop: DEBUG on, SQLite, local-memory cache, email to
the console. With DEBUG off the site refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
deploy/gunicorn.conf.py turns DEBUG off unless it is set, so production never runs in debug.
"""

import hashlib
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

from freedomstory.core import errors  # ADMINS parsed, Sentry started

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 32 characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = env.str("SITE_NAME", default="The Freedom Story")
# The site's public address, for links in emails (sent outside any request).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The default tagline is read in the page's language (freedomstory/core/charity.py); an
# operator's own SITE_TAGLINE is shown as given.
DEFAULT_SITE_TAGLINE = gettext_noop(
    "Preventing trafficking by keeping children in school and families safe."
)
SITE_TAGLINE = env.str("SITE_TAGLINE", default=DEFAULT_SITE_TAGLINE)

INSTALLED_APPS = [
    # Content in English and Thai (news/translation.py, shop/translation.py): before the admin,
    # whose forms it extends with a field per language.
    "modeltranslation",
    # Staff sign-in (freedomstory/staff): before the admin, whose base_site.html it extends; the
    # admin's own app with our site, which asks for the second sign-in step.
    "freedomstory.staff",
    "freedomstory.staff.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_prose_editor",
    # django-csp: its checks refuse the old CSP_* settings (the policy is below, under Security).
    "csp",
    # Background tasks (freedomstory/core/tasks.py); the database backend's table and worker.
    "django_tasks",
    "django_tasks_db",
    "freedomstory",
    "freedomstory.core",
    "news",
    "shop",
    "freedomstory.pages",
    "freedomstory.wordpress",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy and Permissions-Policy on every page, cached ones included
    # (freedomstory/core/security_headers.py).
    "freedomstory.core.security_headers.ContentSecurityPolicyMiddleware",
    "freedomstory.core.security_headers.PermissionsPolicyMiddleware",
    # 400 for a NUL in the address or query, or a form body not in UTF-8; a cookie
    # with a NUL dropped (freedomstory/core/badrequest.py), before anything reads them.
    "freedomstory.core.badrequest.UnreadableRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the address's: /th/… is Thai, every other address English; no cookie or
    # Accept-Language ever decides it, so one cached page serves every visitor of its language.
    "freedomstory.core.languages.LanguageFromAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A page not found that was a WordPress address before the move answers 301 to its new one.
    "freedomstory.wordpress.middleware.OldAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a code from a phone (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Puts the visitor's cart on request.cart and keeps its cookies (shop/middleware.py).
    "shop.middleware.CartMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "freedomstory.urls"
WSGI_APPLICATION = "freedomstory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `user` and `perms` are lazy; public templates must never use them, or the page would
            # load the session and could not be shared (freedomstory/core/pagecache.py checks this).
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "freedomstory.context_processors.site",
                "freedomstory.core.context_processors.page",
                "shop.context_processors.cart",
                "freedomstory.pages.context_processors.site_pages",
            ],
            # The `date` filter with the Buddhist year on Thai pages (freedomstory/core/dates.py),
            # in place of Django's, so no template loads anything to get it.
            "builtins": ["freedomstory.core.templatetags.dates"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE transactions take the write
    # lock up front, and the timeout makes a second writer wait instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # Tests that send concurrent requests need a file: an in-memory database shared between
    # threads fails at once with "table is locked" instead of waiting.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------------
# Every process serving the site must see the same cache: saving or withdrawing a post retires
# the cached pages of all of them, not only of the worker that handled the save.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Redis for several machines. SafeRedisCache (freedomstory/core/cache.py) answers as a miss
    # when Redis is down or hangs, and stores nothing as a pickle.
    CACHES = {
        "default": {
            "BACKEND": "freedomstory.core.cache.SafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="freedomstory"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=0.25),
            },
        }
    }
    # Sessions are written to the database and read through the cache: with Redis down a
    # session reads as a miss and is loaded from the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif DEBUG:
    # Development and tests: one process, nothing to share.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    # One machine without Redis (`make serve`, a small server): files every worker reads and
    # writes. Not the database cache: that needs `createcachetable` besides `migrate`, and puts
    # every page stored or culled on the database, where on SQLite it would queue behind donors'
    # checkouts for the one write lock. Files need no setup and are replaced atomically. The
    # default directory is per checkout (a hash of its path), outside the repository.
    _checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]
    CACHES = {
        "default": {
            "BACKEND": "freedomstory.core.cache.PrivateFileBasedCache",
            # An empty CACHE_DIR (a blank line in .env) means the default, not the current
            # directory.
            "LOCATION": env.str("CACHE_DIR", default="")
            or str(Path(tempfile.gettempdir()) / f"freedomstory-cache-{_checkout}"),
            # A page takes a few kB compressed: some tens of MB at most. Each write lists the
            # directory to see whether to cull a third of it: keep this in the thousands.
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=5000)},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Seconds a public page (anonymous visitor, no cart) is kept in the page cache.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Messages travel in their own cookie, so showing them never loads a session.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# --- Passwords and auth ---------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Staff sign-in: lockout (django-axes) and the second step (django-otp) ------------------
# Axes first: it refuses a locked-out sign-in before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins (a wrong password, or a wrong code at the second step) before a pause, and the
# pause in minutes. Counted in the database, so every app server sees the same count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
# What is locked: the client's address (one machine guessing, whatever usernames it tries) and a
# username at that address. Never a username alone: anyone could then lock a staff member out
# from everywhere, by failing five times with their name. The address is the one proxy-aware
# rule (freedomstory/core/clients.py): a forged X-Forwarded-For entry changes nothing. With one
# limit for both, the address lock comes first (an office sharing one address shares its pause);
# the pair stays listed as the narrower rule.
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "freedomstory.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "freedomstory.staff.lockout.locked_out"
# No banner on every manage.py command; lockouts are still logged as warnings.
AXES_VERBOSE = False
# Who must sign in with a code from a phone: superusers, these groups (they see donors' details)
# and, with OTP_REQUIRED_FOR_ALL_STAFF, every staff member. Others may choose to.
OTP_REQUIRED_FOR_ALL_STAFF = env.bool("OTP_REQUIRED_FOR_ALL_STAFF", default=False)
OTP_REQUIRED_GROUPS = env.list("OTP_REQUIRED_GROUPS", default=["Shop managers"])
OTP_TOTP_ISSUER = SITE_NAME

# --- Internationalisation -------------------------------------------------------------------
# English at the addresses it always had (/news/…), Thai under /th/ (freedomstory/urls.py).
LANGUAGE_CODE = "en"
# Each language named in itself, as the header's switcher shows it.
LANGUAGES = [("en", "English"), ("th", "ไทย")]
# The interface's words: templates/ and freedomstory/ in the first catalogue, each app's in its
# own (`make messages` writes them, `make run` and `make test` compile them).
LOCALE_PATHS = [
    BASE_DIR / "freedomstory" / "locale",
    BASE_DIR / "news" / "locale",
    BASE_DIR / "shop" / "locale",
]
# Content: a Thai text left empty reads as the English one (and the page says so).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Bangkok")
USE_I18N = True
USE_TZ = True
# Dates and numbers as each language writes them ("February 4, 2021"), one module per language.
FORMAT_MODULE_PATH = ["freedomstory.formats"]

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
_media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Several app servers: media in an S3-compatible bucket every server shares (django-storages).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # Another S3 (MinIO, moto, a cloud's own): its address, addressed by path (bucket after the
    # host), which every S3-compatible server answers. Empty: Amazon S3 itself.
    _endpoint = env.str("AWS_S3_ENDPOINT_URL", default="").rstrip("/")
    _region = env.str("AWS_S3_REGION_NAME", default="")
    # A CDN (or the bucket's own web address) in front: images are linked there.
    _custom_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default="").strip("/")
    if "://" in _custom_domain:  # else every image would link to https://https://…
        raise ImproperlyConfigured(
            f"AWS_S3_CUSTOM_DOMAIN {_custom_domain!r}: give the domain alone "
            "(cdn.example.org); images are linked over https."
        )
    if _custom_domain:
        _public = f"https://{_custom_domain}"
    elif _endpoint:
        _public = f"{_endpoint}/{AWS_STORAGE_BUCKET_NAME}"
    elif _region:
        _public = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{_region}.amazonaws.com"
    else:
        _public = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    _scheme, _, _host = _public.partition("//")
    # Every URL is MEDIA_URL + the file's name, worked out here with no call to S3 (the storage's
    # custom domain may hold a path: "127.0.0.1:9000/media"), never signed: public images are
    # plain links that browsers, CDNs and the page cache can keep.
    MEDIA_URL = f"{_public}/"
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": _endpoint or None,
            "region_name": _region or None,
            # Empty: boto3 finds credentials itself (an instance role, ~/.aws).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "addressing_style": "path" if _endpoint else None,
            "custom_domain": _host,
            "url_protocol": _scheme,
            "querystring_auth": False,
            # An upload never replaces a file of the same name: it gets a name of its own.
            "file_overwrite": False,
            # Objects readable by anyone (images are public); empty when the bucket's policy or
            # the CDN grants reading and the bucket refuses ACLs.
            "default_acl": env.str("AWS_DEFAULT_ACL", default="public-read") or None,
            "object_parameters": {"CacheControl": "max-age=604800"},
        },
    }
    # Django serves no media from a bucket.
    SERVE_MEDIA = False
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        # Hashed, compressed names need `collectstatic`; development serves files as they are.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Background tasks -----------------------------------------------------------------------
# E-mails and image renditions run as tasks (freedomstory/core/tasks.py). "immediate" runs each
# task in the process that asked for it, as soon as it is asked (development, tests, one small
# server); "database" queues it in the database for `manage.py db_worker` (every app server).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND {TASKS_BACKEND!r} is not one of: {', '.join(TASKS_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}

# --- Email ----------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="The Freedom Story <hello@example.org>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=["staff@example.org"])
# A stalled mail server must not hold a donor's request.
# Seconds to connect to the mail server and to wait for each answer; without it a server that
# accepts and never answers held checkout for minutes. Also bounds the error mails to ADMINS.
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10)
# Who gets an e-mail for each error (a 500, a payment to refund, an e-mail that failed):
# "Name <address>" or plain addresses, comma-separated. Empty: errors go to the log only.
ADMINS = errors.admins_from(env.str("ADMINS", default=""))

# --- Security -------------------------------------------------------------------------------
# HTTPS is on by default in production; `make serve` turns it off to try the site on 127.0.0.1.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# A load balancer asks each app server for /healthz directly, often over plain http: it must get
# the answer, not a redirect to https (many balancers count a 301 as down).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
# A proxy in front (nginx, a load balancer) that sets X-Forwarded-Proto and appends the
# visitor's address to X-Forwarded-For (the contact form's count reads it).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Content-Security-Policy and Permissions-Policy (freedomstory/core/security_headers.py) ---
# Public pages: one policy for every visitor and every cached copy, so no nonce and nothing
# inline. STATIC_URL's and MEDIA_URL's origins are added when they are on another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "font-src": [SELF],
        "img-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        # Chrome checks form-action on the redirect after a POST too: checkout and a monthly
        # gift go on to Stripe Checkout, "Manage this gift" to Stripe's customer portal.
        "form-action": [SELF, "https://checkout.stripe.com", "https://billing.stripe.com"],
        # Answered by freedomstory.views.csp_report (a literal: urlconfs of tests lack it).
        "report-uri": "/csp-report/",
    }
}
# What the admin (never cached) changes: its scripts carry the request's nonce (the prose
# editor's import map is inline), its styles may be inline (Django's change list and the
# editor write some), and images may be data: (a QR code to enrol a phone).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
    }
}
# Violation reports (/csp-report/): the largest body read, and how many violations one client
# address gets logged in a window of seconds.
CSP_REPORT_MAX_BYTES = env.int("CSP_REPORT_MAX_BYTES", default=16 * 1024)
CSP_REPORT_LOG_LIMIT = env.int("CSP_REPORT_LOG_LIMIT", default=30)
CSP_REPORT_LOG_WINDOW_SECONDS = env.int("CSP_REPORT_LOG_WINDOW_SECONDS", default=600)
# Browser features no page of ours uses, turned off for the page and anything it embeds.
# Payment stays off: Stripe Checkout is a page of Stripe's we send the donor to, not a payment
# request made from ours. Fullscreen stays ours: the admin's editor has a full-screen mode.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# --- The database away (freedomstory/core/unavailable.py) --------------------------------
# Seconds a visitor (or a crawler) is asked to wait, in Retry-After, when the database cannot be
# reached and the site answers 503 "try again in a moment".
DATABASE_RETRY_AFTER_SECONDS = env.int("DATABASE_RETRY_AFTER_SECONDS", default=10)

# --- Errors reach staff: the console always; ADMINS and Sentry when set ---------------------
# Errors of Django (500s) and of our own code are e-mailed to ADMINS, except a failure to reach
# the mail server itself (that mail would wait EMAIL_TIMEOUT again, for nothing), and the
# database away only once in ten minutes (not once for every visitor's 503).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "not_a_mail_outage": {"()": "freedomstory.core.errors.NotAMailOutage"},
        "one_mail_per_database_outage": {"()": "freedomstory.core.errors.OneMailPerDatabaseOutage"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "level": "ERROR",
            "filters": [
                "require_debug_false",
                "not_a_mail_outage",
                "one_mail_per_database_outage",
            ],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        **{
            name: {"handlers": ["mail_admins"]}
            # django_tasks_db: the worker's own errors (a queued task whose function is gone).
            for name in ("django", "freedomstory", "news", "shop", "django_tasks_db")
        },
        # A request for a host not in ALLOWED_HOSTS is a scanner's, not an error to mail.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
    },
}
# The release this server runs (e.g. the deployed commit), shown by /healthz so hosts running
# different ones show up; empty: the checkout's git commit (freedomstory/core/release.py).
RELEASE = env.str("RELEASE", default="")
# Sentry, when SENTRY_DSN is set (nothing is imported otherwise). No personal data is sent.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    errors.start_sentry(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="") or None,
        release=env.str("SENTRY_RELEASE", default="") or RELEASE or None,
        sample_rate=env.float("SENTRY_SAMPLE_RATE", default=1.0),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- The charity: every e-mail, receipt and the footer carry these ------------------
# Defaults hold PLACEHOLDER, which `check --deploy` refuses in production (freedomstory/checks.py).
PLACEHOLDER = "(placeholder: set it before going live)"
CHARITY_REGISTRATION_NUMBER = env.str(
    "CHARITY_REGISTRATION_NUMBER", default=f"0000000000 {PLACEHOLDER}"
)
CHARITY_ADDRESS = env.str(
    "CHARITY_ADDRESS", default=f"1 Example Road, Mae Chan, Chiang Rai 57110, Thailand {PLACEHOLDER}"
)
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="hello@example.org")
# The footer links to each of these that is set (full https addresses); none is set by default.
SOCIAL_FACEBOOK_URL = env.str("SOCIAL_FACEBOOK_URL", default="")
SOCIAL_INSTAGRAM_URL = env.str("SOCIAL_INSTAGRAM_URL", default="")
SOCIAL_YOUTUBE_URL = env.str("SOCIAL_YOUTUBE_URL", default="")
SOCIAL_LINKEDIN_URL = env.str("SOCIAL_LINKEDIN_URL", default="")
# Where people sign up for the newsletter (a page of the mailing service); the footer links to it
# when set.
NEWSLETTER_URL = env.str("NEWSLETTER_URL", default="")

# --- Site pages (freedomstory/pages) --------------------------------------------------------
# The pages with a job beyond their text: the contact form sits under the Contact page's body;
# the privacy notice is what checkout's consent links to. Their addresses are fixed here: the admin
# refuses to move or delete them, so no edit breaks a link to them.
CONTACT_PAGE_SLUG = "contact"
PRIVACY_PAGE_SLUG = "privacy"
# Messages the contact form accepts from one address (REMOTE_ADDR, or behind BEHIND_PROXY the
# last X-Forwarded-For entry) in a window of seconds.
CONTACT_RATE_LIMIT = env.int("CONTACT_RATE_LIMIT", default=5)
CONTACT_RATE_WINDOW_SECONDS = env.int("CONTACT_RATE_WINDOW_SECONDS", default=3600)

# --- News -----------------------------------------------------------------------------------
NEWS_PAGE_SIZE = 10
NEWS_FEED_SIZE = 20

# --- Shop -----------------------------------------------------------------------------------
SHOP_CURRENCY = env.str("SHOP_CURRENCY", default="USD")
# The most of one product a cart may hold; part of the database schema (changing it needs a
# migration).
CART_MAX_QUANTITY = 20
# A gift's bounds, in the shop's currency.
DONATION_MIN = Decimal(env.str("DONATION_MIN", default="1"))
DONATION_MAX = Decimal(env.str("DONATION_MAX", default="10000"))
# The amounts offered on the Donate page, in the shop's currency (what each pays for is edited
# by staff in the admin).
DONATION_PRESETS = [
    Decimal(amount) for amount in env.list("DONATION_PRESETS", default=["25", "50", "100"])
]
CART_EMPTY_MAX_AGE_HOURS = env.int("CART_EMPTY_MAX_AGE_HOURS", default=6)
CART_OPEN_MAX_AGE_DAYS = env.int("CART_OPEN_MAX_AGE_DAYS", default=30)
# How orders are paid: "offline" (staff mark them paid) or "stripe" (Stripe Checkout).
PAYMENT_BACKEND = env.str("PAYMENT_BACKEND", default="offline")
# Bank transfer details, shown before and after an order is placed and in its receipt, and for
# monthly gifts by standing order when Stripe is not used. `check --deploy` fails while any of
# them is empty or still holds the placeholder (freedomstory/checks.py).
BANK_NAME = env.str("BANK_NAME", default=f"Example Bank {PLACEHOLDER}")
BANK_ACCOUNT_NAME = env.str("BANK_ACCOUNT_NAME", default=f"The Freedom Story {PLACEHOLDER}")
BANK_ACCOUNT_NUMBER = env.str("BANK_ACCOUNT_NUMBER", default=f"000-0-00000-0 {PLACEHOLDER}")
# Optional: for gifts from abroad.
BANK_SWIFT_CODE = env.str("BANK_SWIFT_CODE", default="")
# What the donor quotes with a transfer; {number} is the order number.
BANK_REFERENCE_FORMAT = env.str("BANK_REFERENCE_FORMAT", default="{number}")
# What a monthly donor quotes on a standing order (there is no order number to quote).
BANK_STANDING_ORDER_REFERENCE = env.str(
    "BANK_STANDING_ORDER_REFERENCE", default="MONTHLY and your surname"
)
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Stripe's calls are bounded (shop/payments/stripe_client.py).
# Seconds to wait for each call to Stripe, and how many times a call that could not reach it is
# tried again (Stripe's library makes retried calls safe with idempotency keys).
STRIPE_TIMEOUT = env.float("STRIPE_TIMEOUT", default=10)
STRIPE_MAX_NETWORK_RETRIES = env.int("STRIPE_MAX_NETWORK_RETRIES", default=2)
# Unpaid orders older than this are cancelled by `manage.py expire_unpaid_orders`.
ORDER_UNPAID_EXPIRY_HOURS = env.int("ORDER_UNPAID_EXPIRY_HOURS", default=72)
# The signed cookie that holds only the visitor's cart id, and the readable count for the header.
CART_COOKIE_NAME = "cart"
CART_COUNT_COOKIE_NAME = "cart_count"

# --- Nobody can empty the shop: orders limited, holds short, staff alerted -------------------
# Per client address (freedomstory/core/clients.py) and per e-mail typed at checkout, in each
# window of ORDER_RATE_WINDOW_SECONDS, counted in the shared cache (fails open): orders placed,
# units of stock-held items ordered from one address, and monthly gift sign-ups.
ORDER_RATE_WINDOW_SECONDS = env.int("ORDER_RATE_WINDOW_SECONDS", default=3600)
ORDER_RATE_LIMIT_PER_ADDRESS = env.int("ORDER_RATE_LIMIT_PER_ADDRESS", default=5)
ORDER_RATE_LIMIT_PER_EMAIL = env.int("ORDER_RATE_LIMIT_PER_EMAIL", default=3)
ORDER_UNITS_PER_ADDRESS = env.int("ORDER_UNITS_PER_ADDRESS", default=20)
MONTHLY_GIFT_RATE_LIMIT = env.int("MONTHLY_GIFT_RATE_LIMIT", default=5)
# The most units of one product (all its variants together) one order may hold.
ORDER_MAX_PER_PRODUCT = env.int("ORDER_MAX_PER_PRODUCT", default=10)
# Minutes a Stripe payment page stays open (Stripe allows 30 to 1440); a Stripe order's stock is
# held that long, then given back.
STRIPE_CHECKOUT_EXPIRY_MINUTES = env.int("STRIPE_CHECKOUT_EXPIRY_MINUTES", default=30)
# Staff are e-mailed once when unpaid orders hold more than this share of a variant's stock.
UNPAID_HOLD_ALERT_SHARE = env.float("UNPAID_HOLD_ALERT_SHARE", default=0.5)
# How long after an order is placed its cart cookie still leads to the order page.
CHECKED_OUT_CART_MINUTES = env.int("CHECKED_OUT_CART_MINUTES", default=60)

# --- Images (freedomstory/core/images.py) -----------------------------------------------------
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
IMAGE_RENDITION_WIDTHS = (480, 960, 1600)
