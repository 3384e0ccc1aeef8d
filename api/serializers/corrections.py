"""The API's view of corrections, an edition's history and the consistency report."""

from rest_framework import serializers

from conferences.models import Citation, Correction

from .fields import BIGINT_MAX


class CorrectionSerializer(serializers.ModelSerializer):
    """A value changed against what its source said: the reason and the evidence."""

    edition = serializers.IntegerField(source="conference.edition", read_only=True)
    citation = serializers.PrimaryKeyRelatedField(read_only=True)
    history_url = serializers.SerializerMethodField()

    class Meta:
        model = Correction
        fields = [
            "id",
            "edition",
            "field",
            "old_value",
            "new_value",
            "reason",
            "citation",
            "source_wrong",
            "evidence",
            "recorded_at",
            "history_url",
        ]

    def get_history_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class CorrectionWriteSerializer(serializers.Serializer):
    """Record a correction: the edition's value changes, and the correction says why."""

    edition = serializers.IntegerField(min_value=1, max_value=32_767)
    field = serializers.ChoiceField(choices=Citation.Field.choices)
    new_value = serializers.CharField(max_length=300)
    reason = serializers.CharField(max_length=2000)
    citation = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=BIGINT_MAX,
        allow_null=True,
        help_text="The id of a citation of this edition's field that states the new value.",
    )
    source_wrong = serializers.BooleanField(default=False)
    evidence = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="When the source is wrong: how we know (a record, its date, address).",
    )


class FieldChangeSerializer(serializers.Serializer):
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    """One entry of an edition's history: when, what, why (never who)."""

    date = serializers.DateTimeField()
    kind = serializers.ChoiceField(
        choices=["added", "changed", "deleted", "correction"]
    )
    what = serializers.CharField()
    reason = serializers.CharField()
    changes = FieldChangeSerializer(many=True)
    correction = CorrectionSerializer(allow_null=True)


class FindingSerializer(serializers.Serializer):
    """One finding of the consistency report."""

    severity = serializers.ChoiceField(choices=["error", "warning", "note"])
    code = serializers.CharField()
    message = serializers.CharField()
    edition = serializers.IntegerField(allow_null=True)
    admin_url = serializers.SerializerMethodField()

    def get_admin_url(self, finding) -> str:
        request = self.context.get("request")
        if not finding.admin_url:
            return ""
        return (
            request.build_absolute_uri(finding.admin_url)
            if request
            else finding.admin_url
        )
