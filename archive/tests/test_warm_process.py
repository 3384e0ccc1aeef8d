"""A server process renders the most-read kinds of page before it forks its workers
(archive.warming.warm_process, gunicorn.conf.py's when_ready), without the page cache."""

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from archive import warming
from conferences.series import latest_edition

PROJECT = Path(__file__).resolve().parents[2]


def test_every_kind_of_page_is_rendered_in_every_language(archive, settings):
    rendered = warming.warm_process(close_connections=False)
    latest = latest_edition()
    paths = [path for path, _ in rendered]
    assert len(rendered) == len(warming.PROCESS_WARM_PATHS) * len(settings.LANGUAGES)
    assert all(status == 200 for _, status in rendered), rendered
    assert f"/editions/{latest}/" in paths and f"/ar/editions/{latest}/" in paths
    assert "/fr/search/?q=interpol" in paths
    assert f"/api/v1/conferences/{latest}/" in paths
    # The process's own language is as it was.
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_warming_neither_reads_nor_fills_the_page_cache(archive, client, settings):
    settings.ARCHIVE_PAGE_CACHE = True
    cache.clear()
    warming.warm_process(close_connections=False)
    # Nothing was stored: the first reader's request is a miss, the second a hit.
    assert client.get("/").headers["X-Archive-Cache"] == "miss"
    assert client.get("/").headers["X-Archive-Cache"] == "hit"
    # And what is cached is not served to the warming: its views really ran.
    calls = []
    real = warming.handler().get_response

    def spy(request):
        response = real(request)
        calls.append(response.headers.get("X-Archive-Cache"))
        return response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(warming.handler(), "get_response", spy)
        warming.warm_process(close_connections=False)
    assert calls and not any(calls)


def test_an_unavailable_database_stops_the_warming_at_once(archive, monkeypatch):
    monkeypatch.setattr(
        warming.handler(), "get_response", lambda request: HttpResponse(status=503)
    )
    assert warming.warm_process(close_connections=False) == [("/", 503)]


def test_an_error_is_logged_not_raised(archive, monkeypatch, caplog):
    def fail(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(warming.handler(), "get_response", fail)
    assert warming.warm_process(close_connections=False) == []
    assert "Could not warm the server process" in caplog.text


def test_gunicorn_warms_its_master_before_forking_when_it_preloads(monkeypatch):
    calls = []
    monkeypatch.setattr(warming, "warm_process", lambda: calls.append(1) or [])
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    logged = []
    server = SimpleNamespace(
        cfg=SimpleNamespace(preload_app=True),
        log=SimpleNamespace(info=lambda *args: logged.append(args)),
    )
    try:
        config["when_ready"](server)
        assert calls == [1] and logged
        # What the master holds is out of the collector's reach in every worker.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    config["when_ready"](SimpleNamespace(cfg=SimpleNamespace(preload_app=False)))
    assert calls == [1]  # without preload, no worker would inherit it
