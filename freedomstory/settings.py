"""Settings for freedomstory, read from the environment (see .env.example and the README).

Development defaults are safe to run on a laptop: DEBUG on, SQLite, local-memory cache, email to
the console. With DEBUG off the site refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
deploy/gunicorn.conf.py turns DEBUG off unless it is set, so production never runs in debug.
"""

import hashlib
import tempfile
from decimal import Decimal
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

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
SITE_TAGLINE = env.str(
    "SITE_TAGLINE",
    default="Preventing trafficking by keeping children in school and families safe.",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_prose_editor",
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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A page not found that was a WordPress address before the move answers 301 to its new one.
    "freedomstory.wordpress.middleware.OldAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Puts the visitor's cart on request.cart and keeps its cookies (shop/middleware.py).
    "shop.middleware.CartMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "freedomstory.context_processors.site",
                "freedomstory.core.context_processors.page",
                "shop.context_processors.cart",
                "freedomstory.pages.context_processors.site_pages",
            ],
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

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Bangkok")
USE_I18N = True
USE_TZ = True
# Dates as the charity writes them ("February 4, 2021"), one module per language.
FORMAT_MODULE_PATH = ["freedomstory.formats"]

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names need `collectstatic`; development serves files as they are.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email ----------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="The Freedom Story <hello@example.org>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=["staff@example.org"])

# --- Security -------------------------------------------------------------------------------
# HTTPS is on by default in production; `make serve` turns it off to try the site on 127.0.0.1.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
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

# --- edge: the database away (freedomstory/core/unavailable.py) ------------------------------
# Seconds a visitor (or a crawler) is asked to wait, in Retry-After, when the database cannot be
# reached and the site answers 503 "try again in a moment".
DATABASE_RETRY_AFTER_SECONDS = env.int("DATABASE_RETRY_AFTER_SECONDS", default=10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

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
# Unpaid orders older than this are cancelled by `manage.py expire_unpaid_orders`.
ORDER_UNPAID_EXPIRY_HOURS = env.int("ORDER_UNPAID_EXPIRY_HOURS", default=72)
# The signed cookie that holds only the visitor's cart id, and the readable count for the header.
CART_COOKIE_NAME = "cart"
CART_COUNT_COOKIE_NAME = "cart_count"

# --- Images (freedomstory/core/images.py) -----------------------------------------------------
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
IMAGE_RENDITION_WIDTHS = (480, 960, 1600)
