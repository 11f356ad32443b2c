"""
careerguide settings: one file, read from the environment (12-factor).

Development needs no configuration at all: SQLite next to manage.py, DEBUG on, a throwaway secret.
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; with DEBUG off the app refuses
to start on the development secret, so it cannot run insecurely by accident.
"""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS, FALSE_WORDS = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def env_bool(name, default):
    """A yes/no setting. Anything else stops start-up: `SECURE_SSL_REDIRECT=ture` must not mean false."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a yes/no value: use true or false.")
    return value in TRUE_WORDS


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Failed admin logins: throttled, then locked out per username and address (see "Login lockout" below).
    "axes",
    # The Content-Security-Policy header on every response (see "Content-Security-Policy" below).
    "csp",
    # Who changed what, when: a history row per change of every content model; the admin shows it and reverts.
    "simple_history",
    # Curators load job postings in bulk from CSV or JSON: the admin's Import and `manage.py import_postings`.
    "import_export",
    # Our apps, from the most general to the most specific: each imports only from those above it
    # (README, "Architecture"; tests/test_architecture.py enforces it).
    "core",  # shared by every app: publishing, caching, pagination, the API's base, admin helpers
    "jobs",  # long admin work with a progress bar: BackgroundJob and its admin page (the apps below use it)
    "sources",
    "skills",
    "roles",
    "postings",
    "extraction",  # reads a posting or a CV into skills, degree and years, against the taxonomy
    "demand",  # skill demand counted from the live postings, precomputed per role (refresh_skill_demand)
    "paths",  # career paths into a role, and the personal plan
    "careers",  # across the sitewide: front page, search, skill match, comparison
    "sitewide",  # site-wide files listing every app above: sitemap, robots.txt, downloads
    # Developers' and operators' tools, outside the runtime apps: the benchmark and its two baselines (routed
    # only by devtools/urls.py, never by the site), the fault drill, and the real-process helpers the tests share.
    "devtools",
]

MIDDLEWARE = [
    # An id for each request, on every log line it causes and in the response's X-Request-ID.
    "core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every page, error pages included (whitenoise's static files need none).
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    # NUL bytes in the query string get a 400 here (no database text can hold one).
    "core.middleware.RejectNulBytesMiddleware",
    # ETag on every GET response, and 304 for a matching If-None-Match: clients and caches revalidate cheaply.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # With read replicas: requests that write, the admin and signed-in users read from the primary.
    "core.db_router.PrimaryForWritersMiddleware",
    # Records the signed-in user (admin, or API after DRF's authentication) on each history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The site's own 404 and 400 pages under DEBUG too (`make run`), not Django's technical ones.
    "core.middleware.FriendlyErrorPagesMiddleware",
    # A view that cannot reach the database answers 503 with Retry-After, not a 500 with a traceback.
    "core.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page (templates/lockout.html).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerguide.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "careerguide.wsgi.application"

# SQLite next to manage.py unless DATABASE_URL names another database (PostgreSQL in production). A blank
# DATABASE_URL (`DATABASE_URL= make test`) counts as unset: dj_database_url would read it as no database.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

# Optional PostgreSQL streaming replicas (comma-separated URLs): reads go there, writes and everything a
# signed-in curator does go to the primary. See core/db_router.py.
for index, url in enumerate(env_list("DATABASE_REPLICA_URLS")):
    DATABASES[f"replica_{index}"] = dj_database_url.parse(
        url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES[f"replica_{index}"]["TEST"] = {"MIRROR": "default"}
DATABASE_REPLICAS = [alias for alias in DATABASES if alias.startswith("replica_")]
# PostgreSQL's JIT compiles a statement whose estimated cost passes jit_above_cost: right for analytics,
# wrong here. The home page's one statement (46 roles' capped posting counts) spent 1.9 s of its 3.4 s
# compiling at a million postings, on every request. Off for this app's connections (PG_JIT=on restores it).
for database in DATABASES.values():
    if database["ENGINE"].endswith("postgresql") and not env_bool("PG_JIT", False):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"] if DATABASE_REPLICAS else []

# The cache (pages, API lists, rate limits, the version tokens that invalidate them) must be one cache for
# every process that reads or writes content, or a write seen by one process leaves the others serving
# stale pages. With REDIS_URL: Redis, shared by every app server. Without it: files in CACHE_DIR, shared
# by every process on this machine — gunicorn's workers, and commands such as import_postings, whose
# writes must reach the servers' cache too. A per-process memory cache is only safe for the test run's own
# process (pytest sets PYTEST_VERSION), where each test starts with an empty cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
# One directory per project checkout and database, so two databases never share cached pages.
CACHE_DIR = os.environ.get("CACHE_DIR") or os.path.join(
    tempfile.gettempdir(),
    "careerguide-cache-" + hashlib.sha256(f"{BASE_DIR}|{os.environ.get('DATABASE_URL', '')}".encode()).hexdigest()[:12],
)
if REDIS_URL:
    # Django's RedisCache, but a Redis that stops answering means misses, not errors (core/cache_backends.py).
    _cache = {"BACKEND": "core.cache_backends.ResilientRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "careerguide"}
elif os.environ.get("PYTEST_VERSION"):
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "careerguide"}
else:
    _cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CACHE_DIR,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
CACHES = {"default": _cache}
# How long an anonymous visitor's page or API list may be served from the cache; 0 turns that off.
# Any curator write makes the affected entries unreachable at once (see core/caching.py), so this bounds only
# how long unused entries linger.
CACHE_SECONDS = env_int("CACHE_SECONDS", 300)

# Publishing a posting that states no end (postings/review.py) lists it for this many days.
POSTING_VALID_DAYS = env_int("POSTING_VALID_DAYS", 30)
if POSTING_VALID_DAYS < 1:
    raise ImproperlyConfigured(f"POSTING_VALID_DAYS={POSTING_VALID_DAYS} must be at least 1 day.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Login lockout (django-axes; docs/security.md) ------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: refuses a locked-out username+address before the password is checked.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures are counted per username *and* address together: an attacker guessing a curator's password
# locks out only their own address, never the curator signing in from theirs.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 15)
if AXES_COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured("AXES_COOLOFF_MINUTES must be at least 1: a lockout that never ends needs an admin.")
# Counted from the last failed attempt; another failure while locked out starts it again (axes' default).
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
# A curator who mistyped twice and then got it right starts from zero.
AXES_RESET_ON_SUCCESS = True
# The database handler (axes' default, named here on purpose): attempts live in the database, which every app
# server shares and which survives restarts. The cache handler would count per process without REDIS_URL,
# letting an attacker multiply the limit by the number of workers and reset it by waiting for a restart.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Failures and lockouts are still logged (as warnings); this only drops the banner every manage.py command printed.
AXES_VERBOSE = False
# The address failures are counted against: REMOTE_ADDR, right when gunicorn faces clients itself. Behind a
# reverse proxy REMOTE_ADDR is the proxy's own, so every client would share it: name the request.META key of a
# header the proxy *overwrites* with the client's address (nginx: `proxy_set_header X-Real-IP $remote_addr;`
# -> CLIENT_IP_HEADER=HTTP_X_REAL_IP); REMOTE_ADDR stays the fallback. Never a header a client can set itself,
# such as X-Forwarded-For, which proxies append to: an attacker would pick a fresh address for every guess.
# The API's anonymous rate limit reads the same keys (core/throttling.py).
CLIENT_IP_META_KEYS = [*env_list("CLIENT_IP_HEADER"), "REMOTE_ADDR"]
AXES_IPWARE_META_PRECEDENCE_ORDER = CLIENT_IP_META_KEYS

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The download files built ahead of time (sitewide/prebuilt.py): a directory every app server and worker
# shares (a network volume with several machines). Without it a download is streamed, as it always may be.
DOWNLOADS_DIR = os.environ.get("DOWNLOADS_DIR") or os.path.join(tempfile.gettempdir(), "careerguide-downloads")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "downloads": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": DOWNLOADS_DIR}},
    "staticfiles": {
        # Hashed, compressed files in production; plain ones while developing so that
        # a missing collectstatic never breaks `make run` or the tests.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Behind a TLS-terminating proxy in production. With DEBUG on (`make run`, `make serve` on a laptop) none of
# this applies, so plain http://127.0.0.1 works; a production-like run over plain HTTP sets
# SECURE_SSL_REDIRECT=false. Django sends HSTS only on HTTPS responses, and browsers ignore it over HTTP.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # A year: browsers then refuse plain HTTP to this host even on the first typed http:// link.
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    # Covers only names *below* the app's host (say *.careerguide.example.org), which the app's own domain
    # owns; a deployment that serves plain-HTTP sites under its host sets this false.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Off: preloading ships the domain in browsers' built-in lists, takes months to undo, and is accepted only
    # for a registrable domain (example.org, not careerguide.example.org) with every subdomain on HTTPS: the
    # domain owner's decision, not this app's. Check W021 says only "not preloaded", so it is silenced for
    # as long as preload is deliberately off.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Background work (Celery; README, "Background work") ------------------------------------------
# The derived work a write causes (skill demand recounts) runs on a Celery worker (`make worker`), with
# Redis as the broker: CELERY_BROKER_URL, else REDIS_URL (the shared cache's Redis). Without a broker —
# `make run`'s default — tasks run in-process, in the on-commit callback that enqueues them: nothing else to
# start, and the work still sees the committed write. The test run's own process has no worker: eager too.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip() or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL or bool(os.environ.get("PYTEST_VERSION"))
# Acknowledged once done, and given back to the broker when the process running it dies (kill -9, OOM):
# a recount interrupted is run again, never lost. Every task is idempotent, so running one twice is safe.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per worker process: a long recount never holds others hostage behind it.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With Redis, a message taken by a worker that vanished (the machine, not just a child process) returns to
# the queue after this many seconds unacknowledged. Longer than any task runs, or a slow task runs twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 15 * 60)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# No task returns anything a caller waits for: the database holds the outcome (demand.DirtyRole).
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get("CELERY_BEAT_SCHEDULE_FILENAME") or os.path.join(
    tempfile.gettempdir(), "careerguide-celerybeat-schedule"
)
# Scheduled work, run by `make beat` (one beat per deployment). The sweep recounts every role still marked
# dirty (a recount that failed or was never run) and every role whose counts went stale with no write (a
# counted posting expired, the month turned): `refresh_skill_demand --stale`. Postings need no expiry job:
# a posting past its valid_through leaves the listings by query (JobPosting.objects.live()).
CELERY_BEAT_SCHEDULE = {
    "recount-stale-skill-demand": {
        "task": "demand.tasks.recount_stale",
        "schedule": timedelta(minutes=env_int("DEMAND_SWEEP_MINUTES", 5)),
    },
    # The download files: rebuilt when out of date (any write since, or a new day), checked hourly.
    "build-download-files": {
        "task": "sitewide.tasks.build_downloads",
        "schedule": timedelta(minutes=env_int("DOWNLOADS_BUILD_MINUTES", 60)),
    },
}

# --- Bulk import of postings (django-import-export; docs/postings.md, "Importing postings") -------------
# Who sees the admin's Import: holders of the model's add permission (curators); the postings admin also
# asks for change. Every import runs in a transaction and is rolled back whole on any error.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Between the preview and the confirmation the uploaded file waits here. With several app servers the
# confirmation may reach another one: the shared cache (Redis) holds it then; on one machine a temporary
# file, which every worker process sees (the local-memory cache is per process).
IMPORT_EXPORT_TMP_STORAGE_CLASS = (
    "import_export.tmp_storages.CacheStorage" if REDIS_URL else "import_export.tmp_storages.TempFolderStorage"
)

# --- Content-Security-Policy (django-csp 4.x; docs/security.md) -----------------------------------
# Everything comes from this origin: no inline script or style anywhere (templates/ and static/ hold none),
# no plugins, no framing, forms post only here. No CDN either: Swagger UI comes from drf-spectacular-sidecar.
# Two allowances, both for /api/docs/:
# - its inline start-up script (templates/drf_spectacular/swagger_ui.html) carries the per-request nonce;
#   NONCE puts a nonce in the header only of responses that used one, so every other page gets plain 'self';
# - Swagger UI draws its icons as data: images. They are allowed everywhere (a setting cannot scope them to one
#   view): a data: image is inert and fetches nothing, so it opens no way to run code or send data out.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Plain text, or with LOG_FORMAT=json one JSON object per line (time, level, logger, message, request_id and
# the exception), for a log shipper. Either way every line a request causes carries its id (core/logs.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "").strip().lower() or "plain"
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT={os.environ['LOG_FORMAT']!r} is not a log format: use plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- REST API -------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.CareerguideAutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    # JSON first (the default); ?format=csv gives a page of results as CSV (core/renderers.py).
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "core.renderers.CSVRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Pagination",
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.ModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.StrictFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["core.throttling.AnonFixedWindowThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_THROTTLE_RATE", "1000/hour")},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "careerguide API",
    "DESCRIPTION": "Machine-learning careers: roles, skills, job postings and salary figures, "
    "each with the source passage it rests on.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge from validator.swagger.io: it would send our schema's address to a third party, and the
    # Content-Security-Policy blocks the image anyway.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # One name for a choice set several serializers use.
    "ENUM_NAME_OVERRIDES": {
        "ImportanceEnum": "skills.models.Importance",
        # The degree by name (postings' min_degree, the plan's and the extraction's degree): one component.
        "DegreeEnum": ["none", "bachelor", "master", "phd"],
        # What a text given to /api/v1/extract/ is (the skills' own "kind" is SkillKindEnum).
        "TextKindEnum": ["posting", "profile"],
    },
}

# Browsers on these origins may call the API (comma-separated, e.g. https://jobs.example.org).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
