"""The API's filters: a bad value or an unknown slug is a 400 that says why; ordering
puts unknown values last.

settings.REST_FRAMEWORK names NullsLastOrderingFilter here, and DRF's generic views read
it while they load: this module must not import DRF's views.
"""

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext
from django_filters import fields as filter_fields
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter, SearchFilter

from conferences.models import (
    Citation,
    Conference,
    ConferenceTopic,
    Delegation,
    KeyFigure,
    RoundTable,
    Topic,
)
from conferences.series import BASES, RECORDS, REPORT
from search.query import matching
from search.text import terms_of
from speakers.models import Appearance, Office, Person, Quote, Tenure

from .serializers.fields import INTEGER_MAX


class ArchiveFilterBackend(filters.DjangoFilterBackend):
    """django-filter's backend, which leaves the rows alone when the request names none
    of the filter set's filters.

    A filter set given none of its parameters filters nothing, but building it (a deep
    copy of every filter, a form, its validation) cost a millisecond a request.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not names_a_filter(
            request.query_params, filterset_class, search=False
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


def names_a_filter(params, filterset_class, *, search: bool = True) -> bool:
    """Tell whether the query parameters name one of the filter set's filters (or, with
    `search`, the search): whether the rows may be narrowed at all."""
    names = [*filterset_class.base_filters, *(["search"] if search else [])]
    return any(
        # A filter's parameter is its name, or (a range's) its name and a suffix.
        parameter == name or parameter.startswith(f"{name}_")
        for parameter in params
        for name in names
    )


class NullsLastOrderingFilter(OrderingFilter):
    """Order as asked, unknown (null) values last on every database, ties by id."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        return queryset.order_by(
            *(
                F(name[1:]).desc(nulls_last=True)
                if name.startswith("-")
                else F(name).asc(nulls_last=True)
                for name in ordering
            ),
            "pk",
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None) or []
        for parameter in parameters:
            parameter["description"] = (
                "Order by these fields, comma-separated, `-` first for descending: "
                + ", ".join(f"`{field}`" for field in fields)
                + ". Other names are ignored."
            )
        return parameters


class IndexSearchFilter(SearchFilter):
    """`search=`: the rows the portal's search finds for these words, of the list's kind
    (the view's `search_kind`): one definition of what each kind is found by, in search/."""

    def filter_queryset(self, request, queryset, view):
        kind = getattr(view, "search_kind", None)
        words = request.query_params.get(self.search_param, "")
        if kind is None or not words.strip():
            return queryset
        found = matching(terms_of(words)).filter(kind=kind)
        return queryset.filter(pk__in=found.values("object_id"))

    def get_schema_operation_parameters(self, view):
        if getattr(view, "search_kind", None) is None:
            return []
        return [
            {
                "name": self.search_param,
                "required": False,
                "in": "query",
                "description": "Only what the archive's search finds for these words "
                "(as /api/v1/search/ does): every word must match, as a prefix, "
                "or whole for numbers.",
                "schema": {"type": "string"},
            }
        ]


class IntegerFilter(filters.NumberFilter):
    """A whole number (NumberFilter takes decimals), within the database's range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", INTEGER_MAX)
        super().__init__(*args, **kwargs)
        # The schema says the range the form field accepts (outside it: a 400).
        schema = {
            "type": "integer",
            "minimum": kwargs["min_value"],
            "maximum": kwargs["max_value"],
        }
        if kwargs.get("help_text"):
            schema["description"] = kwargs["help_text"]
        extend_schema_field(schema)(self)


def choose_one_of(field) -> forms.ValidationError:
    """Return the error for an empty value of a choice: the choices to pick from."""
    return forms.ValidationError(
        gettext("Choose one of: %(choices)s.")
        % {"choices": ", ".join(str(key) for key, _ in field.choices if key != "")},
        code="empty",
    )


class NonEmptyChoiceField(filter_fields.ChoiceField):
    """A choice that, when the parameter is sent, must be one of the choices: `kind=`
    is refused (400) rather than read as no filter, as the schema's enum says."""

    def clean(self, value):
        if value == "":
            raise choose_one_of(self)
        return super().clean(value)


class NonEmptyMultipleChoiceField(filter_fields.MultipleChoiceField):
    """Choices, each of which must be one of them: `basis=` is a 400, as `kind=` is."""

    def clean(self, value):
        if value and "" in value:
            raise choose_one_of(self)
        return super().clean(value)


class ChoiceFilter(filters.ChoiceFilter):
    """A filter by one of a field's choices (an enum in the schema); empty is a 400."""

    field_class = NonEmptyChoiceField


class MultipleChoiceFilter(filters.MultipleChoiceFilter):
    """A filter by several of the choices (the parameter repeated); empty is a 400."""

    field_class = NonEmptyMultipleChoiceField


class KeyFilter(filters.ModelChoiceFilter):
    """A related row named by its key (slug by default); an unknown key is a 400 naming it."""

    def __init__(self, *, queryset, to_field_name="slug", **kwargs):
        name = queryset.model._meta.verbose_name
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": f"No {name} has the {to_field_name} “%(value)s”."},
        )
        super().__init__(queryset=queryset, to_field_name=to_field_name, **kwargs)


class ConferenceFilter(filters.FilterSet):
    year = IntegerFilter(help_text="Editions held in this year.")
    year_min = IntegerFilter(
        field_name="year", lookup_expr="gte", help_text="Editions from this year on."
    )
    year_max = IntegerFilter(
        field_name="year", lookup_expr="lte", help_text="Editions up to this year."
    )
    topic = KeyFilter(
        field_name="topic_links__topic",
        queryset=Topic.objects.all(),
        help_text="Editions that discussed the topic with this slug.",
    )
    person = KeyFilter(
        field_name="appearances__person",
        queryset=Person.objects.all(),
        distinct=True,
        help_text="Editions the person with this slug appeared at.",
    )
    delegates_min = IntegerFilter(
        field_name="delegates",
        lookup_expr="gte",
        help_text="Editions with at least this many delegates.",
    )
    basis = MultipleChoiceFilter(
        choices=[(basis, basis) for basis in BASES],
        method="filter_basis",
        help_text="Editions of these bases (repeat the parameter for several): "
        "`report`, `records` (public records only), `none` (the archive holds nothing "
        "of them). `basis=report&basis=records` leaves out the gaps.",
    )

    class Meta:
        model = Conference
        fields = [
            "year",
            "year_min",
            "year_max",
            "topic",
            "person",
            "delegates_min",
            "basis",
        ]

    def filter_basis(self, queryset, name, value):
        """Keep the rows of the bases asked; the gaps (`none`) are the view's to add."""
        wanted = set(value)
        if {REPORT, RECORDS} <= wanted:
            return queryset
        if wanted.isdisjoint({REPORT, RECORDS}):
            return queryset.none()
        return queryset.with_basis().filter(described_by_report=REPORT in wanted)


def edition_filter(help_text: str) -> KeyFilter:
    """Return a filter by the number of a published edition."""
    return KeyFilter(
        field_name="conference",
        to_field_name="edition",
        queryset=Conference.objects.published(),
        help_text=help_text,
    )


class CitationFilter(filters.FilterSet):
    edition = edition_filter("Citations of the edition with this number.")
    field = ChoiceFilter(
        choices=Citation.Field.choices, help_text="Citations of this field."
    )

    class Meta:
        model = Citation
        fields = ["edition", "field"]


class KeyFigureFilter(filters.FilterSet):
    edition = edition_filter("Key figures of the edition with this number.")

    class Meta:
        model = KeyFigure
        fields = ["edition"]


class RoundTableFilter(filters.FilterSet):
    edition = edition_filter("Round tables of the edition with this number.")

    class Meta:
        model = RoundTable
        fields = ["edition"]


class DelegationFilter(filters.FilterSet):
    edition = edition_filter("Delegations to the edition with this number.")

    class Meta:
        model = Delegation
        fields = ["edition"]


class TopicLinkFilter(filters.FilterSet):
    edition = edition_filter("Topics discussed of the edition with this number.")
    topic = KeyFilter(
        queryset=Topic.objects.all(),
        help_text="Editions' discussions of the topic with this slug.",
    )

    class Meta:
        model = ConferenceTopic
        fields = ["edition", "topic"]


class TopicFilter(filters.FilterSet):
    kind = ChoiceFilter(choices=Topic.Kind.choices)

    class Meta:
        model = Topic
        fields = ["kind"]


class PersonFilter(filters.FilterSet):
    role = ChoiceFilter(
        choices=Office.Kind.choices,
        method="filter_role",
        help_text="People who held, or appeared in, an office of this kind.",
    )

    class Meta:
        model = Person
        fields = ["role"]

    def filter_role(self, queryset, name, kind):
        held = Tenure.objects.filter(office__kind=kind).values("person")
        appeared = Appearance.objects.filter(office__kind=kind).values("person")
        return queryset.filter(Q(pk__in=held) | Q(pk__in=appeared))


class QuoteFilter(filters.FilterSet):
    person = KeyFilter(
        queryset=Person.objects.all(),
        help_text="Quotes of the person with this slug.",
    )
    edition = edition_filter("Quotes from the edition with this number.")
    topic = KeyFilter(
        field_name="conference__topic_links__topic",
        queryset=Topic.objects.all(),
        help_text="Quotes from editions that discussed the topic with this slug.",
    )

    class Meta:
        model = Quote
        fields = ["person", "edition", "topic"]


class AppearanceFilter(filters.FilterSet):
    edition = edition_filter("Appearances of the edition with this number.")
    person = KeyFilter(
        queryset=Person.objects.all(),
        help_text="Appearances of the person with this slug.",
    )
    office = KeyFilter(
        queryset=Office.objects.all(),
        help_text="Appearances in the office with this slug.",
    )

    class Meta:
        model = Appearance
        fields = ["edition", "person", "office"]
