"""Production settings: refuse to start without a secret; HTTPS hardening behind DJANGO_HTTPS=1."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
HOW_TO_MAKE_A_SECRET_KEY = (
    "a random string of 50 characters or more, e.g. from "
    "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY must be set in production: {HOW_TO_MAKE_A_SECRET_KEY}"
    )
# The same rule as Django's security.W009 deploy check, made fatal: a short or
# django-insecure- key signs sessions, password-reset links and CSRF tokens weakly.
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
):
    weakness = (
        "starts with Django's insecure default prefix"
        if SECRET_KEY.startswith("django-insecure-")
        else f"has {len(SECRET_KEY)} characters, {len(set(SECRET_KEY))} different"
    )
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is too weak for production: it {weakness}. Use "
        f"{HOW_TO_MAKE_A_SECRET_KEY}"
    )

# HTTPS switches: on behind TLS; off serves plain HTTP on 127.0.0.1 (benchmarks).
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe the health checks over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
