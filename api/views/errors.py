"""The answer for an address under /api/ that names nothing."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.middleware.common import CommonMiddleware
from django.urls import Resolver404, resolve
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def not_found(request, path=""):
    """Answer a JSON 404, as DRF does.

    This view takes every address under /api/ that nothing else does, so Django's
    APPEND_SLASH no longer sees one of the API's addresses without its final slash:
    redirect it here, as CommonMiddleware does everywhere else.
    """
    if settings.APPEND_SLASH and not request.path_info.endswith("/"):
        try:
            view = resolve(
                request.path_info + "/", getattr(request, "urlconf", None)
            ).func
        except Resolver404:
            view = not_found
        if view is not not_found and getattr(view, "should_append_slash", True):
            middleware = CommonMiddleware(lambda request: None)
            return HttpResponsePermanentRedirect(
                middleware.get_full_path_with_slash(request)
            )
    return JsonResponse({"detail": gettext("Not found.")}, status=404)
