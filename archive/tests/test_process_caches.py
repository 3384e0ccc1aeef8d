"""The per-process caches of words and rendered pieces are emptied together after a
settings change or an edited file (archive/process_caches.py)."""

from functools import lru_cache
from pathlib import Path

from django.test import override_settings
from django.utils.autoreload import file_changed

from archive.process_caches import _caches, process_cache
from conferences.rendering import item_words
from exports.citations import cite_words


def test_a_settings_change_empties_every_registered_cache():
    calls = []

    @process_cache
    @lru_cache(maxsize=4)
    def words(language):
        calls.append(language)
        return language.upper()

    pieces = process_cache({"piece": "<p>old</p>"})
    try:
        assert words("fr") == words("fr") == "FR" and calls == ["fr"]
        with override_settings(LANGUAGE_CODE="fr"):
            assert pieces == {}
            assert words("fr") == "FR" and calls == ["fr", "fr"]
        # Restoring the settings is a change too.
        words("fr")
        assert calls == ["fr", "fr", "fr"]
    finally:
        _caches.remove(words)
        _caches.remove(pieces)


def test_an_edited_file_empties_the_words(archive):
    item_words("en")
    cite_words("en")
    assert item_words.cache_info().currsize and cite_words.cache_info().currsize
    file_changed.send(sender=None, file_path=Path("locale/fr/LC_MESSAGES/django.po"))
    assert item_words.cache_info().currsize == 0
    assert cite_words.cache_info().currsize == 0
