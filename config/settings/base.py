"""Settings shared by every environment. Values that differ between machines come from the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "cases",
    "toolbox",
    "courses",
    "erfa",
    "search",
    "initiatives",
    "privacy",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who is reading, for what renders without a request (rich-text links): home/access.py.
    "home.access.ReaderMiddleware",
    # A NUL character in the path, a query parameter or a form field: 400 with the site's page
    # before anything else reads the request (PostgreSQL refuses NUL in text: a 500 otherwise).
    "home.middleware.NulCharacterMiddleware",
    # Every page needs a signed-in user; the few public views are marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "home.middleware.IdleTimeoutMiddleware",
    # /admin/ for a signed-in user without admin access: a 403 page, not a redirect loop.
    "home.middleware.AdminAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # DEBUG only: the site's 404 page instead of Django's list of every URL (see the class).
    "home.middleware.SiteNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Wagtail's admin needs inline scripts; only under /admin/ (see the class's docstring).
    "home.middleware.AdminContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.navigation",
            ],
        },
    },
]

# --- Database: a SQLite file unless DATABASE_URL says otherwise (PostgreSQL in CI and production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set; local memory otherwise. Never DummyCache: allauth's
# login rate limits are counted in the cache. Pages are served from the database while Redis is
# unreachable (home/resilient_cache.py); the short timeouts keep an unanswering host from holding
# every request (docs/OPERATIONS.md).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "home.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
            "KEY_PREFIX": "cocreation",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts
AUTH_USER_MODEL = "home.User"
AUTHENTICATION_BACKENDS = [
    "home.backends.CachedPermissionsBackend",
    "home.backends.EmailAuthenticationBackend",
    # Sessions started before home.backends.EmailAuthenticationBackend name this backend; kept so
    # they stay signed in (Django ends a session whose backend is not listed).
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"

ACCOUNT_ADAPTER = "home.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "home.forms.SignupForm"}
SOCIALACCOUNT_ADAPTER = "home.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # the user stays signed in; other sessions are ended
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Sign-up is closed unless SIGNUP_EMAIL_DOMAINS names the domains allowed to register (e.g. politi.dk).
SIGNUP_EMAIL_DOMAINS = [d.lower() for d in env_list("SIGNUP_EMAIL_DOMAINS")]
ACCOUNT_RATE_LIMITS = {
    # Every sign-in from one address: a ceiling for one machine, high enough for a district's
    # shift start behind one proxy (allauth's default, 30/m, would lock it out).
    "login": "300/m/ip",
    # Failed sign-ins: 5 in 5 minutes per account and address together (home.adapters). No limit
    # per address alone here: it would refuse every account behind a busy address (see below).
    "login_failed": "5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# An address with 30 failed or refused sign-ins in a minute is busy: while it is, each account
# gets one failed sign-in from it per 15 minutes; other accounts sign in as usual (home.adapters).
LOGIN_FAILED_LIMITS = {"address": "30/m/ip", "account_at_busy_address": "1/15m/key"}
# How many proxies (load balancer, reverse proxy) sit in front of the app: the client's address
# is then taken from X-Forwarded-For, that many entries from the right. 0 (the default) trusts no
# header: behind a proxy every officer then shares the proxy's address (docs/OPERATIONS.md).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Single sign-on with Microsoft Entra ID (or any OpenID Connect provider) when configured.
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_SECRET = os.environ.get("OIDC_SECRET", "")
OIDC_SERVER_URL = os.environ.get(
    "OIDC_SERVER_URL", ""
)  # Entra ID: https://login.microsoftonline.com/<tenant>/v2.0
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS = {}
if OIDC_CLIENT_ID and OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "entra",
                "name": os.environ.get("OIDC_NAME", "Politiets login (Entra ID)"),
                "client_id": OIDC_CLIENT_ID,
                "secret": OIDC_SECRET,
                "settings": {"server_url": OIDC_SERVER_URL},
            }
        ],
    }

# --- Sessions: in the database, read through the cache (no session query on most requests).
# Django's cached database sessions, refusing keys PostgreSQL cannot look up (home/sessions.py).
SESSION_ENGINE = "home.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
# Signed-in users are signed out after this long without a request.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(60 * 60 * 2)))
SESSION_ACTIVITY_WRITE_INTERVAL = 60
CSRF_COOKIE_HTTPONLY = True

# --- Languages: Danish is the default at unprefixed URLs, English lives under /en/.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

# --- Static and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "site" / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("axe-core", BASE_DIR / "node_modules" / "axe-core"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


# Media on S3-compatible storage when a bucket is named, so several app servers share uploads;
# the local folder otherwise. Credentials come from boto3's own variables (AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY) or the machine's role. Objects stay private: documents are served through
# Wagtail's view (login and collection checks), image links are signed and expire.
def s3_storage_options(env):
    return {
        "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env.get("AWS_S3_REGION_NAME") or None,
        "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
        "location": env.get("AWS_LOCATION", ""),
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 60 * 60,
        "file_overwrite": False,
    }


def s3_origin(env):
    """Where the browser fetches images from, for the content security policy."""
    if env.get("AWS_S3_CUSTOM_DOMAIN"):
        return "https://" + env["AWS_S3_CUSTOM_DOMAIN"]
    if env.get("AWS_S3_ENDPOINT_URL"):
        return env["AWS_S3_ENDPOINT_URL"].rstrip("/")
    return "https://*.amazonaws.com"


AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_storage_options(os.environ),
    }
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail
WAGTAIL_SITE_NAME = "Co+creation"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Documents go through Wagtail's view so the login check runs; never straight from MEDIA_ROOT.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
# Templates and worksheets are a few MB. Wagtail refuses larger files; home.forms.DocumentForm
# says the limit in the form.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry script
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Shared page passwords are stored in plain text; login and groups are the only restrictions.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: they would tell a third party who works in the admin (and the
# content security policy blocks them anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = False  # password reset goes through allauth

# --- Search: Wagtail's database backend, each page indexed in its language's text-search
# configuration on PostgreSQL (search/backends.py; SEARCH_CONFIG for objects without a language);
# Elasticsearch 8 when ELASTICSEARCH_URL is set. See search/README.md.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "cocreation_"),
            "TIMEOUT": 5,
            "OPTIONS": {},
            # Danish stemming and stop words for every text field without its own analyzer
            # (Wagtail's autocomplete fields keep their edge-ngram analyzer).
            "INDEX_SETTINGS": {"settings": {"analysis": {"analyzer": {"default": {"type": "danish"}}}}},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "danish"}}

# Wagtail's tasks (search and reference index updates, file deletions) go to Celery once the
# transaction commits; without a broker they run at once in the request (config/task_backend.py).
TASKS = {"default": {"BACKEND": "config.task_backend.CeleryBackend"}}

# --- Background work: Celery with Redis as broker (config/celery.py). Without a broker, as in
# `make run`, every task runs at once in the process that sent it, so nothing waits for a worker.
# Schedules are celery beat's, declared here in code (reviewed and versioned with the tasks they
# start) rather than django-celery-beat's database rows: one fixed daily run each needs no admin.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves it for another worker
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Copenhagen"
CELERY_BEAT_SCHEDULE = {
    "assignment-reminders": {
        "task": "courses.tasks.send_assignment_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "content-review-reminders": {
        "task": "home.tasks.send_review_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
}

# --- Email
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "co-creation@politi.dk")

# --- Security headers (also in development, so tests see what production sends)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Wagtail's admin and progress bars set inline style attributes; scripts stay strict.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [
            "'self'",
            "data:",
            "blob:",
            *([s3_origin(os.environ)] if AWS_STORAGE_BUCKET_NAME else []),
        ],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Wagtail's admin in the user's language: Danish unless the user's profile or browser says
# English. Wagtail lists only its languages with >= 90 % coverage by default, which leaves Danish
# out (and every editor on English); site/locale/da completes its Danish translation.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
