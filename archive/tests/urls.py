"""The project's URLs plus small stand-in views, so these tests need no portal or API."""

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.urls import path

from archive.urls import urlpatterns as project_urlpatterns
from conferences.models import Conference


def edition_cities(request):
    """A page read from the archive, as a portal page would be."""
    editions = Conference.objects.published().prefetch_related("topics")
    return HttpResponse(
        "".join(
            f"<p>{c.edition}: {c.city} ({', '.join(t.name for t in c.topics.all())})</p>"
            for c in editions.order_by("edition")
        )
    )


def api_editions(request):
    """A JSON read under /api/, as the API's list would be."""
    return JsonResponse(
        {"results": list(Conference.objects.published().values("edition", "city"))}
    )


def with_cookie(request):
    response = HttpResponse("cookie")
    response.set_cookie("flavour", "oatmeal")
    return response


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed")


urlpatterns = [
    path("test/cities/", edition_cities),
    path("api/v1/test/editions/", api_editions),
    path("test/cookie/", with_cookie),
    path("test/database-gone/", database_gone),
    path("api/v1/test/database-gone/", database_gone),
    *project_urlpatterns,
]

handler500 = "archive.views.server_error"
