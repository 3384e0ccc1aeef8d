"""The per-process caches of what the settings, the translations and the templates make:
words translated once a language, pieces rendered once, dates written once.

Each is registered with `process_cache()` and all are emptied together after a settings
change (the tests' override_settings) or an edited file (the development server's
autoreloader: a catalogue, a template), so that none keeps serving what it no longer
would.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.autoreload import file_changed

_caches: list = []


def process_cache(cache):
    """Register a cache, a function wrapped by lru_cache() or cache(), or a dict, to be
    emptied after a settings change or an edited file; return it (a decorator above
    @lru_cache, or around a dict)."""
    _caches.append(cache)
    return cache


@receiver(setting_changed)
@receiver(file_changed)
def empty_process_caches(**kwargs) -> None:
    for cache in _caches:
        if hasattr(cache, "cache_clear"):
            cache.cache_clear()
        else:
            cache.clear()
