"""Production settings: deploy checks, the secret, HTTPS switches, headers, CSP, lock-outs."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(__file__).resolve().parents[2]
REAL_LENGTH_SECRET = "x7Gq-" * 12  # 60 characters, as check --deploy wants

# Most tests start manage.py under the production settings in a new process.
pytestmark = pytest.mark.slow


def run_production(*args: str, **environment: str) -> subprocess.CompletedProcess:
    """Run manage.py (or python -c) under the production settings, in a fresh process."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="archive.settings.production", **environment)
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_passes_check_deploy_without_warnings():
    result = run_production(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=REAL_LENGTH_SECRET,
        DJANGO_HTTPS="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_production("-c", "import django; django.setup()")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_production(
        "-c", "import django; django.setup()", DJANGO_SECRET_KEY="changeme-" * 5
    )
    assert result.returncode != 0
    assert (
        "DJANGO_SECRET_KEY is too weak for production: it has 45 characters, "
        "8 different. Use a random string of 50 characters or more"
    ) in result.stderr


def test_production_refuses_djangos_insecure_default_key():
    result = run_production(
        "-c",
        "import django; django.setup()",
        DJANGO_SECRET_KEY="django-insecure-" + "k3!x9@qz#w" * 5,
    )
    assert result.returncode != 0
    assert "starts with Django's insecure default prefix" in result.stderr


SHOW_HTTPS_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.DEBUG)"
)


def test_https_switch_turns_on_redirect_hsts_and_secure_cookies():
    result = run_production(
        "-c",
        SHOW_HTTPS_SETTINGS,
        DJANGO_SECRET_KEY=REAL_LENGTH_SECRET,
        DJANGO_HTTPS="1",
    )
    assert result.stdout.split() == ["True", "31536000", "True", "True", "False"]


def test_without_the_https_switch_production_serves_plain_http():
    result = run_production(
        "-c", SHOW_HTTPS_SETTINGS, DJANGO_SECRET_KEY=REAL_LENGTH_SECRET
    )
    assert result.stdout.split() == ["False", "0", "False", "False", "False"]


def test_responses_carry_the_security_headers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "style-src 'self' 'sha256-" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def template_files():
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [
        PROJECT / app / "templates"
        for app in ("conferences", "speakers", "stats", "archive")
    ]
    return sorted(
        p for folder in folders if folder.is_dir() for p in folder.rglob("*.html")
    )


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_needs_inline_scripts_or_styles():
    """Every template works under script-src/style-src 'self' (no 'unsafe-inline')."""
    files = template_files()
    assert PROJECT / "templates" / "503.html" in files
    found = [
        f"{path.relative_to(PROJECT)}: {what}"
        for path in files
        for pattern, what in INLINE
        if pattern.search(path.read_text())
    ]
    assert found == []


def test_the_swagger_ui_style_hash_matches_drf_spectaculars_template():
    """The one inline style CSP allows is the one Swagger UI's page carries."""
    import base64
    import hashlib

    import drf_spectacular

    template = Path(drf_spectacular.__file__).parent / "templates" / "drf_spectacular"
    styles = re.findall(
        r"<style[^>]*>(.*?)</style>", (template / "swagger_ui.html").read_text(), re.S
    )
    digests = (hashlib.sha256(style.encode()).digest() for style in styles)
    hashes = {f"'sha256-{base64.b64encode(d).decode()}'" for d in digests}
    assert hashes == {settings.SWAGGER_UI_STYLE_HASH}
    assert settings.SWAGGER_UI_STYLE_HASH in settings.SECURE_CSP["style-src"]


def test_repeated_failed_admin_logins_lock_the_account_out(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(
            "/admin/login/", {"username": "archivist", "password": "wrong"}
        )
        assert response.status_code == 200  # the form again, with an error
    last_try = client.post(
        "/admin/login/", {"username": "archivist", "password": "wrong"}
    )
    assert last_try.status_code == 429
    assert b"locked" in last_try.content.lower()
    # Even the right password is refused while the lock lasts.
    locked = client.post(
        "/admin/login/",
        {"username": "archivist", "password": "correct-horse-battery"},
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_admin_login_before_the_limit_works(client, staff_user):
    client.post("/admin/login/", {"username": "archivist", "password": "wrong"})
    response = client.post(
        "/admin/login/",
        {"username": "archivist", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_no_secret_is_in_the_repository():
    settings_folder = PROJECT / "archive" / "settings"
    for path in settings_folder.glob("*.py"):
        if path.name in ("local.py", "test.py"):
            continue  # throwaway keys, named as such, never used in production
        assert not re.search(r"SECRET_KEY\s*=\s*['\"]", path.read_text()), path
