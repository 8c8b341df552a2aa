"""Guifan settings, read from the environment (see .env.example).

With nothing set, Guifan runs on SQLite (WAL mode) inside ./data.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from guifan.core.env import (
    env_bool,
    env_date,
    env_int,
    env_json_overrides,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("GUIFAN_DATA_DIR", str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
# The business date of a demo or training deployment (演示日期), from the environment or the
# data folder (`guifan demo` writes it there); unset: the real clock.
GUIFAN_TODAY = env_date("GUIFAN_TODAY", DATA_DIR / "world-date")

DEBUG = env_bool("DEBUG", False)
# Demo mode allows the well-known demo passwords; `guifan demo` turns it on.
DEMO_MODE = env_bool("GUIFAN_DEMO", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        if len(key) < 32:
            raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long")
        return key
    # No key configured: keep a random one in the data folder so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "js_lib_bootstrap5",
    "guifan.core",
    "guifan.journal",
    "guifan.org",
    "guifan.accounts",
    "guifan.cases",
    "guifan.campaigns",
    "guifan.draws",
    "guifan.evaluation",
    "guifan.attachments",
    "guifan.complaints",
    "guifan.inquiries",
    "guifan.rectification",
    "guifan.knowledge",
    "guifan.checks",
    "guifan.reports",
    "guifan.web",
    "guifan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "guifan.journal.middleware.RefusalJournalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "guifan.accounts.middleware.IdleTimeoutMiddleware",
    "guifan.accounts.middleware.PasswordPolicyMiddleware",
    "guifan.core.middleware.NoStoreMiddleware",
    # Axes must be last so that it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guifan.urls"
WSGI_APPLICATION = "guifan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "guifan.web.context_processors.shell",
            ],
        },
    },
]


def _databases() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        try:
            db = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        except ValueError as exc:
            raise ImproperlyConfigured(f"DATABASE_URL cannot be parsed: {exc}") from None
        if db["ENGINE"] == "django.db.backends.postgresql":
            db["CONN_HEALTH_CHECKS"] = True
        return {"default": db}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "guifan.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock when a transaction starts, so two writers
                # queue instead of failing half-way with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA cache_size=-65536;"  # 64 MiB of page cache per connection
                    "PRAGMA temp_store=MEMORY;"
                ),
            },
        }
    }


DATABASES = _databases()
# A streaming replica of the primary for dashboards and exports (guifan.core.replica):
# reads that may lag a few seconds go there, writes never.
if replica_url := env_str("GUIFAN_REPLICA_URL"):
    try:
        DATABASES["replica"] = dj_database_url.parse(
            replica_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"GUIFAN_REPLICA_URL cannot be parsed: {exc}") from None
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
GUIFAN_READ_REPLICA = "replica" if "replica" in DATABASES else None
DATABASE_ROUTERS = ["guifan.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts and security (GOV-IT-EXPECTATIONS.md §1.1) ---
AUTHENTICATION_BACKENDS = [
    "guifan.accounts.lockout.AddressThrottleBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("GUIFAN_PASSWORD_MIN_LENGTH", 8)},
    },
    {"NAME": "guifan.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "guifan.accounts.validators.PasswordHistoryValidator"},
]
# A new password must differ from the current one and from this many before it (等保).
GUIFAN_PASSWORD_HISTORY = env_int("GUIFAN_PASSWORD_HISTORY", 5)
GUIFAN_PASSWORD_MAX_AGE_DAYS = env_int("GUIFAN_PASSWORD_MAX_AGE_DAYS", 90)

AXES_FAILURE_LIMIT = env_int("GUIFAN_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GUIFAN_LOCKOUT_MINUTES", 30))
# 等保 asks to lock an account after 5 failures; locking the username alone would let anyone
# lock out anyone (the three administrators included), so axes locks the username *and*
# address pair, and an address failing across many usernames is throttled as a whole
# (guifan.accounts.lockout.AddressThrottleBackend).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
GUIFAN_LOCKOUT_ADDRESS_FAILURES = env_int("GUIFAN_LOCKOUT_ADDRESS_FAILURES", 30)
AXES_CLIENT_IP_CALLABLE = "guifan.core.http.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "guifan.accounts.lockout.lockout_response"
AXES_VERBOSE = False

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_COOKIE_AGE = env_int("GUIFAN_IDLE_TIMEOUT_MINUTES", 30) * 60
# Sliding expiry: IdleTimeoutMiddleware saves the session on requests but polls (once a minute).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# HTTPS (README, "HTTPS 部署"): GUIFAN_HTTPS=1 turns on everything `manage check --deploy`
# asks for; each part can still be set on its own.
GUIFAN_HTTPS = env_bool("GUIFAN_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("GUIFAN_SECURE_COOKIES", GUIFAN_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("GUIFAN_SSL_REDIRECT", GUIFAN_HTTPS)
SECURE_HSTS_SECONDS = env_int("GUIFAN_HSTS_SECONDS", 365 * 24 * 3600 if GUIFAN_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GUIFAN_HSTS_INCLUDE_SUBDOMAINS", GUIFAN_HTTPS)
SECURE_HSTS_PRELOAD = env_bool("GUIFAN_HSTS_PRELOAD", GUIFAN_HTTPS)
# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto, and take the
# client's address from X-Forwarded-For when the request comes from one of these proxies.
if env_bool("GUIFAN_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
GUIFAN_TRUSTED_PROXIES = env_list("GUIFAN_TRUSTED_PROXIES", [])
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Internationalisation: Simplified Chinese by default ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files: every asset comes from an installed package or our own apps ---
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "files"  # outside the web root; served only through views

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "guifan.core.logs.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Days before a deadline at which a task turns yellow (GOV-IT-EXPECTATIONS.md §3.8).
GUIFAN_WARNING_DAYS = env_int("GUIFAN_WARNING_DAYS", 3)
# Working days the handler has to reply to a 流程监控通知书.
GUIFAN_MONITOR_REPLY_DAYS = env_int("GUIFAN_MONITOR_REPLY_DAYS", 3)
# 流程监控 临期预警: working days before the end of a 审查起诉 / 审查逮捕 period.
GUIFAN_MONITOR_PROSECUTION_DAYS = env_int("GUIFAN_MONITOR_PROSECUTION_DAYS", 5)
GUIFAN_MONITOR_ARREST_DAYS = env_int("GUIFAN_MONITOR_ARREST_DAYS", 2)
# Processes judging the checks' chunks (one per core; 1 keeps the work in one process).
GUIFAN_CHECKS_WORKERS = env_int("GUIFAN_CHECKS_WORKERS", min(os.cpu_count() or 1, 4))
# R3-15: days to tell the defence lawyer of a major procedural decision (notify_days).
GUIFAN_CHECKS_NOTIFY_DAYS = env_int("GUIFAN_CHECKS_NOTIFY_DAYS", 3)
# The cross-case H rules (checks.crosscase): windows and thresholds of each comparison;
# GUIFAN_CROSS_CASE='{"R8-02": {"min_cases": 6}}' (JSON) changes some of them.
CROSS_CASE_DEFAULTS = {
    "R1-05": {"window_days": 365, "min_count": 2, "topics": ["态度", "作风"]},
    "R5-03": {"window_days": 30, "min_cases": 2},
    "R5-04": {"close_month": 12, "accept_month": 1},
    # 有利结论率 above the unit's mean by more than ``sigmas`` standard deviations, the unit
    # having ``min_unit_cases`` closed cases with a lawyer's request to take a mean of.
    "R8-02": {"window_days": 365, "min_cases": 5, "sigmas": 2, "min_unit_cases": 20},
    # 不诉/不捕 rate further than ``deviation`` from the median of the class's handlers.
    "R8-03": {
        "window_days": 365,
        "deviation": 0.30,
        "min_class_cases": 20,
        "min_handlers": 3,
        "min_handler_cases": 5,
    },
    # Consecutive quarters without a 过问干预 registration in the unit's top quarter by load.
    "R7-02": {"min_quarters": 2, "top_share": 0.25, "min_handlers": 4},
    # Queries of one case by someone outside its team.
    "R7-03": {"window_days": 7, "min_queries": 3},
}
# Settings of the per-case rules that have them: R7-06 counts a contact outside these office
# hours (or on a rest day, or outside the workplace) and wants it reported within these days.
GUIFAN_RULE_PARAMS = {
    "R7-06": {
        "report_days": env_int("GUIFAN_CONTACT_REPORT_DAYS", 3),
        "office_hours": (
            env_str("GUIFAN_OFFICE_OPENS", "08:30"),
            env_str("GUIFAN_OFFICE_CLOSES", "17:30"),
        ),
    },
}


def _cross_case() -> dict[str, dict]:
    merged = env_json_overrides("GUIFAN_CROSS_CASE", CROSS_CASE_DEFAULTS)
    for code, entry in merged.items():
        for key, value in entry.items():
            where = f"GUIFAN_CROSS_CASE: {code}.{key}={value!r}"
            if key.endswith("_month") and not 1 <= value <= 12:
                raise ImproperlyConfigured(f"{where} is not a month (1–12)")
            if key.startswith("min_") and value < 2:
                raise ImproperlyConfigured(f"{where}: a group needs at least 2")
            if key == "window_days" and value < 1:
                raise ImproperlyConfigured(f"{where}: the window is at least 1 day")
            if key == "topics" and not value:
                raise ImproperlyConfigured(f"{where}: name at least one topic")
    return merged


GUIFAN_CROSS_CASE = _cross_case()
# The first quarter every unit reports its 过问案件记录 for (the 三个规定 date from 2015-03).
GUIFAN_INQUIRY_FIRST_QUARTER = (2015, 1)
# Working days a handler has to object to an evaluation result (异议期). Working days follow
# the official calendar (法定节假日 and 调休, from the chinese-calendar package); a deployment
# adds its own non-working days (ISO dates) here, e.g. for a year the package does not know.
GUIFAN_OBJECTION_DAYS = env_int("GUIFAN_OBJECTION_DAYS", 5)
# Cases one evaluator can evaluate in a working day: the default of a campaign's evaluation
# period, above which the assignment warns and a manual move is refused.
GUIFAN_EVALUATION_CASES_PER_DAY = env_int("GUIFAN_EVALUATION_CASES_PER_DAY", 3)
# Whether the 登记表 takes a score (0–100) per dimension, as some provinces' forms do.
GUIFAN_EVALUATION_SCORES = env_bool("GUIFAN_EVALUATION_SCORES", False)
# Working days the evaluation group has to hear the handler (听取承办人说明) once the proposed
# or 合议 grade is communicated; later the result is flagged as overdue.
GUIFAN_EXPLANATION_DAYS = env_int("GUIFAN_EXPLANATION_DAYS", 5)
# 调卷: calendar days after the hand-over by which a paper 卷宗 is due back to its unit; 0 (the
# default) means by the last day of the campaign's evaluation period (or the task's deadline).
GUIFAN_PAPER_RETURN_DAYS = env_int("GUIFAN_PAPER_RETURN_DAYS", 0)
GUIFAN_HOLIDAYS = env_list("GUIFAN_HOLIDAYS", [])
# Days worked although they are weekends or holidays on the official calendar (调休).
GUIFAN_WORKDAYS = env_list("GUIFAN_WORKDAYS", [])
# Rectification (整改): calendar days a unit gets to rectify an evaluation finding; the months
# after an item is closed (销号) within which the same problem counts as a recurrence (改后又复发),
# and what "the same place" means: the same unit, or also the same department, or the same
# handler. Items of the conduct categories (作风、纪律、廉洁) are verified by discipline
# inspection instead of the campaign office.
GUIFAN_RECTIFY_DAYS = env_int("GUIFAN_RECTIFY_DAYS", 30)
# Days a complaint's investigator has to conclude it, counted from when it was handed over.
GUIFAN_COMPLAINT_DAYS = env_int("GUIFAN_COMPLAINT_DAYS", 30)
GUIFAN_RECURRENCE_MONTHS = env_int("GUIFAN_RECURRENCE_MONTHS", 12)
GUIFAN_RECURRENCE_MATCH = env_str("GUIFAN_RECURRENCE_MATCH", "unit")
if GUIFAN_RECURRENCE_MATCH not in ("unit", "department", "handler"):
    raise ImproperlyConfigured("GUIFAN_RECURRENCE_MATCH must be unit, department or handler")
# How alike two descriptions must be (percent, Dice over character pairs) to be the same problem
# when either carries no taxonomy code (rectification.taxonomy).
GUIFAN_RECURRENCE_SIMILARITY = env_int("GUIFAN_RECURRENCE_SIMILARITY_PCT", 60) / 100
GUIFAN_CONDUCT_CATEGORIES = env_list(
    "GUIFAN_CONDUCT_CATEGORIES",
    [
        "司法作风简单粗暴",
        "越权办案、违规插手经济活动",
        "私下接触当事人及律师、泄露案情、过问干预办案",
        "接受吃请、收受贿赂、以案谋私，办关系案人情案金钱案",
    ],
)
# Font names written into Word output; the reader's PC renders them (GOV-IT §3.3).
GUIFAN_FONT_TITLE = env_str("GUIFAN_FONT_TITLE", "方正小标宋简体")
GUIFAN_FONT_BODY = env_str("GUIFAN_FONT_BODY", "仿宋_GB2312")
GUIFAN_FONT_HEADING = env_str("GUIFAN_FONT_HEADING", "黑体")

# Imports (案件台账): the largest file accepted, and the largest export of a filtered ledger.
GUIFAN_IMPORT_MAX_MB = env_int("GUIFAN_IMPORT_MAX_MB", 200)
# Uploaded import files and their error reports are deleted this many days after the import.
GUIFAN_IMPORT_KEEP_DAYS = env_int("GUIFAN_IMPORT_KEEP_DAYS", 30)
# An import still queued after this many minutes means the background worker is not running.
GUIFAN_QUEUE_STUCK_MINUTES = env_int("GUIFAN_QUEUE_STUCK_MINUTES", 5)
GUIFAN_EXPORT_MAX_ROWS = env_int("GUIFAN_EXPORT_MAX_ROWS", 200_000)
# The 台账 counts a view exactly up to this many rows on the page; past it the page says
# "N 条以上" and the worker counts the rest (cases.selectors.ledger_total).
GUIFAN_LEDGER_COUNT_CAP = env_int("GUIFAN_LEDGER_COUNT_CAP", 50_000)
GUIFAN_ATTACHMENT_MAX_MB = env_int("GUIFAN_ATTACHMENT_MAX_MB", 50)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # larger uploads spool to a temporary file

# Knowledge base (知识库): where the law texts and the campaign notices are loaded from
# (input data, never copied into the project: ../shared next to the project in
# development), and where the search index lives (rebuilt from the database when missing).
PROJECT_DIR = BASE_DIR.parent
GUIFAN_LAWS_DIR = Path(
    env_str("GUIFAN_LAWS_DIR", str(PROJECT_DIR.parent / "shared" / "corpus" / "laws"))
)
GUIFAN_KB_NOTICES_DIR = Path(
    env_str("GUIFAN_KB_NOTICES_DIR", str(PROJECT_DIR.parent / "shared" / "seed"))
)
GUIFAN_KB_INDEX_DIR = Path(env_str("GUIFAN_KB_INDEX_DIR", str(DATA_DIR / "knowledge-index")))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Signed journal checkpoints: the log's name (the checkpoint's origin line and the signing
# key's name: a schema-less URL without spaces or "+"), the Ed25519 signing key (a file kept
# outside the database, created on first use, readable by the owner only) and the folder
# each checkpoint is written to for the audit administrator to copy elsewhere.
GUIFAN_JOURNAL_ORIGIN = env_str("GUIFAN_JOURNAL_ORIGIN", "guifan.local/journal")
if not GUIFAN_JOURNAL_ORIGIN or any(c.isspace() or c == "+" for c in GUIFAN_JOURNAL_ORIGIN):
    raise ImproperlyConfigured("GUIFAN_JOURNAL_ORIGIN must be non-empty, without spaces or '+'")
GUIFAN_JOURNAL_KEY = Path(env_str("GUIFAN_JOURNAL_KEY", str(DATA_DIR / "keys" / "journal.pem")))
GUIFAN_WITNESS_DIR = Path(env_str("GUIFAN_WITNESS_DIR", str(DATA_DIR / "witness")))
