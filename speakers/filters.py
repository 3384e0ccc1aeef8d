"""Filters for the people and quotes API: a bad value or an unknown slug is a 400."""

from django.db.models import Q
from django_filters import rest_framework as filters

from conferences.filters import KeyFilter, edition_filter
from conferences.models import Conference, Topic

from .models import Appearance, Office, Person, Quote, Tenure


class PersonFilter(filters.FilterSet):
    role = filters.ChoiceFilter(
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
    edition = KeyFilter(
        field_name="conference",
        to_field_name="edition",
        queryset=Conference.objects.published(),
        help_text="Quotes from the edition with this number.",
    )
    topic = KeyFilter(
        field_name="conference__topic_links__topic",
        queryset=Topic.objects.all(),
        help_text="Quotes from editions that discussed the topic with this slug.",
    )

    class Meta:
        model = Quote
        fields = ["person", "edition", "topic"]


class AppearanceFilter(filters.FilterSet):
    edition = edition_filter("Appearances")
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
