# Shared by bin/serve and bin/test: find Python 3.12+, make .venv, install requirements.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
    local candidate
    for candidate in python3 python3.13 python3.12 \
        "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3 \
        "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    echo "error: Django 6 needs Python 3.12 or newer, and none was found." >&2
    echo "       Install one (pyenv install 3.13) and run this again." >&2
    return 1
}

# ensure_venv REQUIREMENTS_FILE: create .venv if needed and install what the file lists
# (again only when the file changed since the last install).
ensure_venv() {
    local requirements=$1 stamp
    if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
        rm -rf .venv
        "$(find_python)" -m venv .venv
    fi
    stamp=".venv/.installed-$(basename "$requirements")"
    if [ ! -f "$stamp" ] || [ "$(cat requirements*.txt | sha256sum)" != "$(cat "$stamp")" ]; then
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -r "$requirements"
        cat requirements*.txt | sha256sum >"$stamp"
    fi
}

# compile_messages: turn the translations (locale/*/LC_MESSAGES/django.po) into the .mo
# files Django reads. They are not in git, so they never disagree with the .po files.
# Needs GNU gettext's msgfmt; as root, installs Debian's gettext when it is missing.
compile_messages() {
    local po stale=0
    # Nothing to do when every catalogue's .mo is newer than its .po (saves starting
    # Django, a second or more, on every run).
    for po in locale/*/LC_MESSAGES/django.po; do
        if [ ! "${po%.po}.mo" -nt "$po" ]; then
            stale=1
        fi
    done
    [ "$stale" = 1 ] || return 0
    if ! command -v msgfmt >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "Installing GNU gettext (msgfmt) for the translations…"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
        else
            echo "error: the translations need GNU gettext's msgfmt: sudo apt-get install gettext" >&2
            exit 1
        fi
    fi
    .venv/bin/python manage.py compilemessages --verbosity 0
}
