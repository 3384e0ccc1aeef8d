"""Settings for the test suite: fast hashing, plain static storage (no manifest needed)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Test databases roll back without signals, so a cached page could outlive its rows:
# tests read fresh pages (and count their queries); archive/tests turn the cache on.
ARCHIVE_PAGE_CACHE = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "generation": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "generation",
    },
}
# No collectstatic before tests: whitenoise finds files through the finders, per request.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
