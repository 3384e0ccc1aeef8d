"""The API's view of people, their offices, appearances and quotes."""

from rest_framework import serializers

from conferences.models import SourceReport
from speakers.models import Appearance, Person, Quote, Tenure

from .fields import SMALLINT_MAX, EditionField, HTMLURLField, KeyRelatedField
from .mixins import ModelValidationMixin


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["name", "slug"]


class QuoteSerializer(serializers.ModelSerializer):
    """Words a speaker said, with the edition and the report they stand in."""

    person = PersonRefSerializer(read_only=True)
    edition = serializers.IntegerField(source="conference.edition", read_only=True)
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:quote-detail")
    html_url = HTMLURLField()

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "kind",
            "person",
            "edition",
            "source",
            "excerpt",
            "also_excerpt",
            "position",
            "url",
            "html_url",
        ]


class QuoteWriteSerializer(ModelValidationMixin, serializers.ModelSerializer):
    """A quote to add or change: speaker, edition and report by their keys."""

    person = KeyRelatedField(slug_field="slug", queryset=Person.objects.all())
    edition = EditionField()
    source = KeyRelatedField(slug_field="slug", queryset=SourceReport.objects.all())

    class Meta:
        model = Quote
        fields = [
            "text",
            "kind",
            "person",
            "edition",
            "source",
            "excerpt",
            "also_excerpt",
            "position",
        ]
        extra_kwargs = {"position": {"max_value": SMALLINT_MAX}}


class TenureSerializer(serializers.ModelSerializer):
    """A term of office, or another post a record names: the office, its kind, and the
    dates from public records (null where no record gives them)."""

    office = serializers.CharField(source="office.title", read_only=True)
    office_kind = serializers.CharField(source="office.kind", read_only=True)
    start_year = serializers.IntegerField(
        source="started_on.year", read_only=True, allow_null=True
    )
    end_year = serializers.IntegerField(
        source="ended_on.year", read_only=True, allow_null=True
    )
    source = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The public record that gives the start of the term.",
    )
    end_source = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The public record that ends the term.",
    )

    class Meta:
        model = Tenure
        fields = [
            "office",
            "office_kind",
            "started_on",
            "started_precision",
            "ended_on",
            "ended_precision",
            "start_year",
            "end_year",
            "reference",
            "source",
            "excerpt",
            "end_source",
            "end_excerpt",
        ]


class AppearanceSerializer(serializers.ModelSerializer):
    """An edition the person attended, and in which role."""

    edition = serializers.IntegerField(source="conference.edition", read_only=True)
    year = serializers.IntegerField(
        source="conference.year", read_only=True, allow_null=True
    )
    office = serializers.CharField(source="office.title", read_only=True)
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Appearance
        fields = [
            "edition",
            "year",
            "role",
            "office",
            "source",
            "excerpt",
            "inferred",
            "reasoning",
        ]


class PersonListSerializer(serializers.ModelSerializer):
    other_names = serializers.SerializerMethodField()
    offices = TenureSerializer(source="tenure_list", many=True, read_only=True)
    edition_count = serializers.IntegerField(
        read_only=True, help_text="How many published editions the person attended."
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="api:person-detail", lookup_field="slug"
    )
    html_url = HTMLURLField()
    nationality_source = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The public record that names the person's country.",
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "slug",
            "other_names",
            "summary",
            "nationality",
            "nationality_source",
            "nationality_excerpt",
            "offices",
            "edition_count",
            "url",
            "html_url",
        ]

    def get_other_names(self, person) -> list[str]:
        return person.names[1:]


class PersonDetailSerializer(PersonListSerializer):
    editions = AppearanceSerializer(source="appearance_list", many=True, read_only=True)
    quotes = QuoteSerializer(source="quote_list", many=True, read_only=True)

    class Meta(PersonListSerializer.Meta):
        fields = PersonListSerializer.Meta.fields + ["editions", "quotes"]


class PersonWriteSerializer(ModelValidationMixin, serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["name", "slug", "other_names", "summary"]
