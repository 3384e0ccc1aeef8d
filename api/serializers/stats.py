"""The API's view of trends across editions."""

from rest_framework import serializers

from conferences.models import Conference, Topic


class AttendanceSerializer(serializers.ModelSerializer):
    """One edition's attendance."""

    class Meta:
        model = Conference
        fields = ["edition", "year", "delegates", "countries", "member_countries"]


class TopicCountSerializer(serializers.ModelSerializer):
    """How many published editions discussed a topic."""

    edition_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Topic
        fields = ["name", "slug", "kind", "edition_count"]
