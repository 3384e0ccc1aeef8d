"""Filters for the people and quotes API: a bad value or an unknown slug is a 400."""

from django.db.models import Q
from django_filters import rest_framework as filters

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
    person = filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Person.objects.all(),
        error_messages={"invalid_choice": "No person has the slug “%(value)s”."},
        help_text="Quotes of the person with this slug.",
    )
    edition = filters.ModelChoiceFilter(
        field_name="conference",
        to_field_name="edition",
        queryset=Conference.objects.published(),
        error_messages={
            "invalid_choice": "No published edition is number “%(value)s”."
        },
        help_text="Quotes from the edition with this number.",
    )
    topic = filters.ModelChoiceFilter(
        field_name="conference__topic_links__topic",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        error_messages={"invalid_choice": "No topic has the slug “%(value)s”."},
        help_text="Quotes from editions that discussed the topic with this slug.",
    )

    class Meta:
        model = Quote
        fields = ["person", "edition", "topic"]
