"""API viewsets for editions, topics and source reports."""

from collections.abc import Callable
from functools import cache

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.response import Response

from api import filters
from api.serializers import conferences as serializers
from api.serializers.conferences import gap_row
from api.serializers.corrections import ChangeSerializer
from api.serializers.mixins import write_reason
from conferences.changes import edition_changes
from conferences.models import Conference, SourceReport, Topic
from conferences.series import (
    NONE,
    SeriesList,
    detailed,
    latest_edition,
    listed_between,
    published_bases,
    published_numbers,
)
from search.models import SearchEntry

from .base import ArchiveViewSet

# get_object_or_404()'s message: Django's catalogue translates it (a name, not a literal,
# so that makemessages leaves it out of the project's).
NOT_FOUND = "No %s matches the given query."


@cache
def published_editions() -> QuerySet:
    """Return Conference.objects.published(), built once: clone it (all()) to use it."""
    return Conference.objects.published()


@cache
def published_rows(read: str) -> QuerySet:
    """Return the published editions as `read` (a ConferenceQuerySet method giving
    values) reads them, built once: clone it (all()) to use it."""
    return getattr(published_editions(), read)()


class SeriesPage(SeriesList):
    """The series list of listing_values() rows and gap rows (gap_row()), a page read in
    one query whatever it holds: rows, gaps or both, so that a page costs the same
    queries at any size of the archive.

    In edition order, `rows_between` (when given) reads the rows numbered from one
    number to another, of every published edition: listed_between(), its SQL compiled
    once; `rows` is then None.
    """

    def __init__(
        self,
        *args,
        rows_between: Callable[[int, int], list[dict]] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.rows_between = rows_between

    def __getitem__(self, index: slice) -> list[dict]:
        if not isinstance(index, slice):
            raise TypeError("A series list is read a slice (a page) at a time.")
        if self.by_edition:
            numbers = self.numbers_on_page(index)
            if not numbers:
                return []
            # The page's range of numbers, not its rows' numbers: a page of gaps
            # only still asks (and finds none).
            low, high = min(numbers), max(numbers)
            page_rows = (
                self.rows_between(low, high)
                if self.rows_between
                else self.rows.filter(edition__range=(low, high))
            )
            found = {row["edition"]: row for row in page_rows}
            return [found.get(n) or gap_row(n) for n in numbers]
        # Rows first, in the list's order, then the gaps (which have no facts) by
        # number; past the rows the slice is empty but asked all the same.
        start, stop, _ = index.indices(self.count())
        known = len(self.row_numbers)
        gaps = sorted(self.gap_numbers)[max(start - known, 0) : max(stop - known, 0)]
        return [*self.rows[start:stop], *(gap_row(n) for n in gaps)]


class CanPublish(permissions.BasePermission):
    """Staff holding the publish permission (conferences.publish_conference)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and user.is_staff
            and user.has_perm("conferences.publish_conference")
        )


PUBLISHING = inline_serializer(
    "Publishing",
    {
        "edition": drf.IntegerField(),
        "status": drf.ChoiceField(choices=Conference.Status.choices),
    },
)


class ConferenceViewSet(ArchiveViewSet):
    """Every edition of the conference, from the 1st to the latest published, by number.

    An edition the archive holds nothing of (a gap) is listed and answers as any other,
    with `basis` "none", `has_report` false and no facts. A gap has no facts, so it
    matches no filter or search: it is listed unless one is given, or `basis` leaves out
    "none" (`basis=report&basis=records`). Ordered by a fact, the gaps come last.
    """

    list_serializer_class = serializers.ConferenceListSerializer
    serializer_class = serializers.ConferenceDetailSerializer
    write_serializer_class = serializers.ConferenceWriteSerializer
    lookup_field = "edition"
    lookup_value_regex = r"\d+"
    filterset_class = filters.ConferenceFilter
    filter_backends = [
        filters.ArchiveFilterBackend,
        filters.IndexSearchFilter,
        filters.NullsLastOrderingFilter,
    ]
    search_kind = SearchEntry.Kind.EDITION
    ordering_fields = ["edition", "year", "delegates", "countries"]
    ordering = ["edition"]

    def list_queryset(self):
        return published_editions().all()

    def detail_queryset(self):
        return published_editions().all()

    def filter_queryset(self, queryset):
        """Return the rows a list or an edition's answer reads: the editions the filters
        and the search keep, in the list's order, as listing_values() or
        detail_values() rows.

        When no filter or search is asked (most requests), only the ordering applies,
        to values read from a query built once (published_rows()).
        """
        if self.action not in ("list", "retrieve"):
            return super().filter_queryset(queryset)
        read = "listing_values" if self.action == "list" else "detail_values"
        if self.narrowed():
            return getattr(super().filter_queryset(queryset), read)()
        return super().filter_queryset(published_rows(read).all())

    def narrowed(self) -> bool:
        """Tell whether the request names a filter or the search (`basis` included)."""
        return filters.names_a_filter(self.request.query_params, self.filterset_class)

    def get_object(self):
        """Return the edition's detail_values() row; unfiltered (most requests), read by
        detailed(), its SQL compiled once."""
        if self.action != "retrieve" or self.narrowed():
            return super().get_object()
        row = detailed(int(self.kwargs[self.lookup_field]))
        if row is None:
            raise Http404(gettext(NOT_FOUND) % Conference._meta.object_name)
        self.check_object_permissions(self.request, row)
        return row

    def write_queryset(self):
        return Conference.objects.published()

    def read(self, instance):
        """Return the edition as a GET answers (detail_values(), not the written row)."""
        fresh = Conference.objects.published().detail_values().get(pk=instance.pk)
        return self.serializer_class(fresh, context=self.get_serializer_context()).data

    def list(self, request, *args, **kwargs):
        if self.lists_gaps():
            entries = self.series()
        else:
            entries = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def lists_gaps(self) -> bool:
        """Tell whether the list holds the gaps: no filter or search narrows it, and
        `basis`, if given, asks for "none"."""
        params = self.request.query_params
        narrowing = [*self.filterset_class.base_filters, "search"]
        if any(params.get(name, "").strip() for name in narrowing if name != "basis"):
            return False
        bases = params.getlist("basis")
        return not bases or NONE in bases

    def series(self) -> "SeriesPage":
        """Return the published editions the request keeps and the gaps, in the list's
        order.

        Unfiltered and in edition order (most requests), a page's rows are read by
        listed_between(), compiled once: the rows' queryset is not even built (its
        building and ordering cost a twentieth of the list).
        """
        wanted = set(self.request.query_params.getlist("basis"))
        if wanted:
            bases = published_bases()
            numbers = [n for n, b in bases.items() if b in wanted]
        else:
            # Without `basis`, every published edition is listed: their numbers will
            # do, without what each rests on.
            bases = numbers = published_numbers()
        latest = max(bases, default=0)
        published = set(bases)
        # (The ordering filter reads only the request and the view's ordering_fields.)
        ordering = self.ordering_of(published_rows("listing_values"))
        by_edition = ordering[0].lstrip("-") == "edition"
        compiled = by_edition and not self.narrowed()
        return SeriesPage(
            None if compiled else self.filter_queryset(self.get_queryset()),
            row_numbers=numbers,
            gap_numbers=[n for n in range(1, latest + 1) if n not in published],
            by_edition=by_edition,
            descending=ordering[0].startswith("-"),
            rows_between=listed_between if compiled else None,
        )

    def ordering_of(self, rows) -> "list[str]":
        """Return the list's ordering, as the ordering filter reads it for `rows`."""
        for backend in self.filter_backends:
            if issubclass(backend, filters.NullsLastOrderingFilter):
                return backend().get_ordering(self.request, rows, self) or self.ordering
        return self.ordering

    def retrieve(self, request, *args, **kwargs):
        """Answer for every edition number from the 1st to the latest.

        An edition the archive holds nothing of answers with its number, `basis` "none"
        and a summary that says so, in the same shape as any other edition. So does a
        number a draft holds (the API never shows drafts, to staff neither): the answer is
        the gap's, and tells nothing of the draft, as the portal's page does.
        """
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            number = int(self.kwargs[self.lookup_field])
            if not 1 <= number <= latest_edition():
                raise
            return Response(self.get_serializer(gap_row(number, summary=True)).data)

    @extend_schema(responses={200: ChangeSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, edition=None):
        """The edition's history, newest first: what changed, when and why (not who)."""
        conference = get_object_or_404(Conference.objects.published(), edition=edition)
        return Response(
            ChangeSerializer(
                edition_changes(conference), many=True, context={"request": request}
            ).data
        )

    def _publishing(self, request, edition, *, publish: bool):
        conference = get_object_or_404(Conference, edition=edition)
        # Without a reason of the request's own, the model's ("Published after review").
        reason = write_reason(request, request.data, default=None)
        given = {"reason": reason} if reason else {}
        try:
            if publish:
                conference.publish(by=request.user, **given)
            else:
                conference.unpublish(by=request.user, **given)
        except DjangoValidationError as error:
            raise drf.ValidationError({"detail": error.messages}) from error
        return Response({"edition": conference.edition, "status": conference.status})

    @extend_schema(request=None, responses={200: PUBLISHING})
    @action(detail=True, methods=["post"], permission_classes=[CanPublish])
    def publish(self, request, edition=None):
        """Publish a draft edition (staff with the publish permission).

        Refused (400, with the reasons) without a summary or with consistency errors.
        """
        return self._publishing(request, edition, publish=True)

    @extend_schema(request=None, responses={200: PUBLISHING})
    @action(detail=True, methods=["post"], permission_classes=[CanPublish])
    def unpublish(self, request, edition=None):
        """Make a published edition a draft again (staff with the publish permission)."""
        return self._publishing(request, edition, publish=False)


class TopicViewSet(ArchiveViewSet):
    """Topics on the agenda, with how many published editions discussed each."""

    list_serializer_class = serializers.TopicListSerializer
    serializer_class = serializers.TopicDetailSerializer
    write_serializer_class = serializers.TopicWriteSerializer
    lookup_field = "slug"
    filterset_class = filters.TopicFilter
    search_kind = SearchEntry.Kind.TOPIC
    ordering_fields = ["name", "edition_count"]
    ordering = ["name"]

    def list_queryset(self):
        return Topic.objects.with_edition_counts()

    def detail_queryset(self):
        return Topic.objects.for_detail()


class SourceReportViewSet(ArchiveViewSet):
    """The press reports the archive rests on, with their text."""

    list_serializer_class = serializers.SourceListSerializer
    serializer_class = serializers.SourceDetailSerializer
    write_serializer_class = serializers.SourceWriteSerializer
    lookup_field = "slug"
    filterset_fields = ["kind", "text_kind"]
    search_kind = SearchEntry.Kind.SOURCE
    ordering_fields = ["slug", "published_on"]

    def list_queryset(self):
        return SourceReport.objects.for_listing()

    def detail_queryset(self):
        return SourceReport.objects.for_listing()

    def write_queryset(self):
        # A report staff add without an edition is not public yet, but is theirs to edit.
        return SourceReport.objects.select_related("conference")
