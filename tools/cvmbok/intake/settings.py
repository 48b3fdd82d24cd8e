"""Django's settings, built in code from an `IntakeConfig` (there is no settings module).

Privacy decisions live here: no DEBUG, no request logging (Django's request logger
would record paths and, on errors, request details), sessions and CSRF cookies that
are HttpOnly and SameSite=Strict, Argon2 for editors' passwords, uploads kept in
memory (never a temporary file on disk) and a hard limit on request size.
"""

from __future__ import annotations

from typing import Any

from .config import MAX_PICTURE_BYTES, MAX_REQUEST_BYTES, IntakeConfig, database_settings
from .crypto import derive
from . import runtime


def build(config: IntakeConfig) -> dict[str, Any]:
    hosts = sorted({config.host, "127.0.0.1", "localhost", "[::1]", *config.public_hosts})
    return {
        "DEBUG": False,
        "SECRET_KEY": derive(config.key, "django-secret").hex(),
        "ALLOWED_HOSTS": hosts,
        "CSRF_TRUSTED_ORIGINS": [f"https://{host}" for host in config.public_hosts],
        "INSTALLED_APPS": [
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "cvmbok.intake",
        ],
        "MIDDLEWARE": [
            "cvmbok.intake.middleware.privacy_headers",
            "cvmbok.intake.middleware.size_limit",
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        "ROOT_URLCONF": "cvmbok.intake.urls",
        "TEMPLATES": [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                               "django.contrib.auth.context_processors.auth"]},
        }],
        "DATABASES": {"default": database_settings(config)},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.Argon2PasswordHasher"],
        "AUTH_PASSWORD_VALIDATORS": [
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        ],
        "USE_TZ": True,
        "TIME_ZONE": "UTC",
        "USE_I18N": False,
        "LANGUAGE_CODE": "en",
        "LOGIN_URL": "/editor/sign-in",
        "LOGIN_REDIRECT_URL": "/editor/",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
        "SESSION_COOKIE_AGE": 8 * 3600,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_AGE": None,  # a browser-session cookie: nothing stays after the window closes
        "CSRF_COOKIE_SAMESITE": "Strict",
        "CSRF_FAILURE_VIEW": "cvmbok.intake.views.common.csrf_failure",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",  # "no-referrer" makes browsers send Origin: null, which CSRF refuses
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "FILE_UPLOAD_HANDLERS": ["django.core.files.uploadhandler.MemoryFileUploadHandler"],
        "FILE_UPLOAD_MAX_MEMORY_SIZE": MAX_REQUEST_BYTES,
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 2 * 1024 * 1024,
        "DATA_UPLOAD_MAX_NUMBER_FILES": 50,
        "LOGGING_CONFIG": None,
        "MIGRATION_MODULES": {"intake": "cvmbok.intake.migrations"},
        "CVMBOK_MAX_PICTURE_BYTES": MAX_PICTURE_BYTES,
    }


def quiet_logs() -> None:
    """Django logs every 4xx with its path; only server errors (a bug) reach stderr, one per line."""
    import logging
    import sys

    logger = logging.getLogger("django")
    logger.propagate = False
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.ERROR)
    handler.setFormatter(logging.Formatter("cvmbok serve: %(levelname)s %(message)s"))
    logger.addHandler(handler)


def configure(config: IntakeConfig) -> None:
    """Configure and start Django once per process, then open the runtime (key, checks)."""
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(**build(config))
        django.setup()
        quiet_logs()
    runtime.open_runtime(config)
