"""Filters for the editions API: a bad value or an unknown slug is a 400 that says why."""

from django import forms
from django_filters import rest_framework as filters

from archive.api import INTEGER_MAX
from speakers.models import Person

from .models import Citation, Conference, ConferenceTopic, KeyFigure, RoundTable, Topic


class IntegerFilter(filters.NumberFilter):
    """A whole number (NumberFilter takes decimals), within the database's range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", INTEGER_MAX)
        super().__init__(*args, **kwargs)


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

    class Meta:
        model = Conference
        fields = ["year", "year_min", "year_max", "topic", "person", "delegates_min"]


def edition_filter(what: str) -> KeyFilter:
    return KeyFilter(
        field_name="conference",
        to_field_name="edition",
        queryset=Conference.objects.published(),
        help_text=f"{what} of the edition with this number.",
    )


class CitationFilter(filters.FilterSet):
    edition = edition_filter("Citations")
    field = filters.ChoiceFilter(
        choices=Citation.Field.choices, help_text="Citations of this field."
    )

    class Meta:
        model = Citation
        fields = ["edition", "field"]


class KeyFigureFilter(filters.FilterSet):
    edition = edition_filter("Key figures")

    class Meta:
        model = KeyFigure
        fields = ["edition"]


class RoundTableFilter(filters.FilterSet):
    edition = edition_filter("Round tables")

    class Meta:
        model = RoundTable
        fields = ["edition"]


class TopicLinkFilter(filters.FilterSet):
    edition = edition_filter("Topics discussed")
    topic = KeyFilter(
        queryset=Topic.objects.all(),
        help_text="Editions' discussions of the topic with this slug.",
    )

    class Meta:
        model = ConferenceTopic
        fields = ["edition", "topic"]
