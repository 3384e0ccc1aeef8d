"""The reader's language: from the address, and on a first visit from the browser.

The portal's pages carry their language in the address (`/fr/editions/15/`; English at the
unprefixed addresses, so every existing link keeps working). A reader who arrives from
elsewhere at an English address, and whose browser prefers French, Spanish or Arabic
(Accept-Language, or the language they last chose with the switcher), is sent to the same
page in that language; inside the site, the address alone decides, so choosing English
with the switcher sticks. The API's answers are the same in every language, but its error
messages follow Accept-Language; the admin is in English.

Unlike Django's LocaleMiddleware, this runs before the page cache and the request limits,
so their messages are in the reader's language and the cache keys on it; and it puts the
previous language back after each request, so nothing leaks from one request to the next.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

SAFE_METHODS = ("GET", "HEAD")


def is_neutral(path: str) -> bool:
    """Say whether an address is outside the portal's language-prefixed pages."""
    return path.startswith(settings.ARCHIVE_LANGUAGE_NEUTRAL_PATHS)


def request_language(request) -> tuple[str, bool]:
    """Return the language a request is answered in, and whether its address says so."""
    path = request.path_info
    if is_neutral(path):
        if path.startswith(settings.ARCHIVE_LANGUAGE_NEGOTIATED_PATHS):
            return translation.get_language_from_request(request), False
        return settings.LANGUAGE_CODE, False
    from_path = translation.get_language_from_path(path)
    if from_path:
        return from_path, True
    return settings.LANGUAGE_CODE, False


def preferred_language(request) -> str:
    """Return the reader's language from their cookie or Accept-Language header."""
    return translation.get_language_from_request(request, check_path=False)


def comes_from_site(request) -> bool:
    """Say whether the request follows a link of this site (its Referer is this host)."""
    referer = request.META.get("HTTP_REFERER", "")
    return bool(referer) and urlsplit(referer).netloc == request.get_host()


def localized_path(path: str, language: str) -> str:
    """Return an address of the portal in another language: `/editions/15/` → `/fr/…`."""
    current = translation.get_language_from_path(path)
    if current:
        path = path[len(current) + 1 :] or "/"
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


class LanguageMiddleware:
    """Activate the request's language; send a first visit to the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language, in_path = request_language(request)
        redirect = self.first_visit_redirect(request, language, in_path)
        if redirect is not None:
            return redirect
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        if not in_path and request.path_info.startswith(
            settings.ARCHIVE_LANGUAGE_NEGOTIATED_PATHS
        ):
            patch_vary_headers(response, ["Accept-Language"])
        response.headers.setdefault("Content-Language", language)
        return response

    @staticmethod
    def first_visit_redirect(request, language: str, in_path: bool):
        """Return a redirect to the reader's language, when they arrive from elsewhere."""
        if (
            in_path
            or request.method not in SAFE_METHODS
            or is_neutral(request.path_info)
            or comes_from_site(request)
        ):
            return None
        preferred = preferred_language(request)
        if preferred == language:
            return None
        address = localized_path(request.path, preferred)
        # Only to a page that exists in that language (not a download, say).
        urlconf = getattr(request, "urlconf", None)
        with translation.override(preferred):
            if not is_valid_path(localized_path(request.path_info, preferred), urlconf):
                return None
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponseRedirect(f"{address}?{query}" if query else address)
        # The same address answers every reader differently: no shared cache keeps this.
        patch_vary_headers(response, ["Accept-Language", "Cookie", "Referer"])
        patch_cache_control(response, private=True, max_age=0)
        return response
