"""The API's view of trends across editions."""

from rest_framework import serializers

from conferences.models import Conference, Topic


class AttendanceSerializer(serializers.ModelSerializer):
    """One edition's attendance, with the fields whose value is inferred."""

    inferred = serializers.ListField(
        source="inferred_fields",
        child=serializers.CharField(),
        read_only=True,
        help_text="The fields whose value no source states, only evidence implies.",
    )
    has_report = serializers.BooleanField(
        read_only=True,
        help_text="Whether one of the archive's press reports describes the edition.",
    )

    class Meta:
        model = Conference
        fields = [
            "edition",
            "year",
            "delegates",
            "countries",
            "member_countries",
            "inferred",
            "has_report",
        ]


class TopicCountSerializer(serializers.ModelSerializer):
    """How many published editions discussed a topic."""

    edition_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Topic
        fields = ["name", "slug", "kind", "edition_count"]
