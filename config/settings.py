"""Settings for the council performance system, read from the environment.

Defaults give a self-contained development install: SQLite under ./var/, Celery tasks run
in-process, email printed to the console. Production sets DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, CELERY_BROKER_URL and EMAIL_URL (see README).
"""

from pathlib import Path

import environ
import plotly
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # written by `make` for development; real environment wins

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
# Required in production: without SECRET_KEY the app refuses to start unless DEBUG is on.
SECRET_KEY = env.str("SECRET_KEY", default="development-only-not-secret") if DEBUG else env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
COUNCIL_NAME = env.str("COUNCIL_NAME", default="Kent County Council")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "simple_history",
    "django_celery_beat",
    "indicators",
    "performance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "indicators.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # plotly.js comes with the plotly package: served by the app, never from a CDN.
    ("plotly", Path(plotly.__file__).parent / "package_data"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# Email: EMAIL_URL such as smtp://user:pass@mailpit:1025 ; console in development.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # a hung SMTP server fails the send (and it is retried)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="performance@council.example")
PERFORMANCE_TEAM_EMAIL = env.str("PERFORMANCE_TEAM_EMAIL", default="performance-team@council.example")

# Celery: without a broker, tasks run in-process as they are called.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or None
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "recompute-ratings-nightly": {
        "task": "performance.tasks.recompute_ratings", "schedule": crontab(hour=2, minute=0)},
    "exception-alerts-daily": {
        "task": "performance.tasks.send_exception_alerts", "schedule": crontab(hour=7, minute=0)},
}

# Rating rules (the key to ratings in the Cabinet paper quotes these).
RATING_DOT_METHOD = env.str("RATING_DOT_METHOD", default="trend")  # "previous" or "trend"
RATING_TREND_WINDOW = env.int("RATING_TREND_WINDOW", default=6)
RATING_TREND_MIN_POINTS = env.int("RATING_TREND_MIN_POINTS", default=4)
RATING_TREND_ALPHA = env.float("RATING_TREND_ALPHA", default=0.05)
RATING_ACTIVITY_HISTORY_YEARS = env.int("RATING_ACTIVITY_HISTORY_YEARS", default=3)
RATING_ACTIVITY_SD_MULTIPLIER = env.float("RATING_ACTIVITY_SD_MULTIPLIER", default=2.0)
ALERT_MISSING_AFTER_WORKING_DAYS = env.int("ALERT_MISSING_AFTER_WORKING_DAYS", default=15)

# Debian's chromium prints the Cabinet paper (Playwright drives it; no browser download).
CHROMIUM_PATH = env.str("CHROMIUM_PATH", default="/usr/bin/chromium")

SIMPLE_HISTORY_REVERT_DISABLED = True  # the admin shows earlier versions; restoring one is refused (see HistoryAdmin)

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "data-table"}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
