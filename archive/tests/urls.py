"""The project's URLs plus small stand-in views, so these tests need no portal or API."""

from django.db import IntegrityError, OperationalError, transaction
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

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


@csrf_exempt
def bulk_rename(request):
    """A write the signals miss: QuerySet.update(), as an admin action might make."""
    Conference.objects.filter(edition=20).update(city=request.POST["city"])
    return HttpResponse("renamed")


@csrf_exempt
def failed_write(request):
    """A write that fails inside its transaction: nothing is saved, nothing expires."""
    try:
        with transaction.atomic():
            Conference.objects.filter(edition=20).update(city="Never")
            raise IntegrityError("refused")
    except IntegrityError:
        return HttpResponse("refused", status=409)


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed")


urlpatterns = [
    path("test/cities/", edition_cities),
    path("api/v1/test/editions/", api_editions),
    path("test/cookie/", with_cookie),
    path("test/bulk-rename/", bulk_rename),
    path("test/failed-write/", failed_write),
    path("test/database-gone/", database_gone),
    path("api/v1/test/database-gone/", database_gone),
    *project_urlpatterns,
]

handler500 = "archive.views.server_error"
