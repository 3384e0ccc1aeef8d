"""Corrections: a sourced value changed on the record, with the reason and the evidence."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from simple_history.models import HistoricalRecords

from ..support import supports, value_text
from .base import FactQuerySet
from .editions import Citation

NEEDS_EVIDENCE = (
    "A correction needs a citation that supports the new value, or a note that the "
    "source is wrong with the evidence."
)


class Correction(models.Model):
    """A value of an edition changed against what its source said, as newspapers print them.

    Either a citation (of the same edition and field) supports the new value, or the source
    itself is wrong (a misprint, a miscount) and `evidence` says how we know.
    """

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.PROTECT, related_name="corrections"
    )
    field = models.CharField(max_length=20, choices=Citation.Field.choices)
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300)
    reason = models.TextField(help_text="Why the value changed, in a sentence.")
    citation = models.ForeignKey(
        "conferences.Citation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The citation that supports the new value.",
    )
    source_wrong = models.BooleanField(
        default=False,
        help_text="The source itself is wrong (e.g. a misprint): say how we know below.",
    )
    evidence = models.TextField(
        blank=True,
        help_text="When the source is wrong: the evidence (a record, its date and address).",
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = FactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(citation__isnull=False)
                | (models.Q(source_wrong=True) & ~models.Q(evidence="")),
                name="correction_has_citation_or_evidence",
                violation_error_message=NEEDS_EVIDENCE,
            ),
        ]

    def __str__(self):
        return f"Correction to the {self.get_field_display().lower()} of the {self.conference}"

    def get_absolute_url(self):
        return reverse(
            "conferences:edition-history", args=[self.conference.edition]
        ) + (f"#correction-{self.pk}")

    def clean(self):
        super().clean()
        if not self.reason.strip():
            raise ValidationError({"reason": gettext("A correction needs its reason.")})
        if self.citation_id is None:
            if self.source_wrong and not self.evidence.strip():
                raise ValidationError(
                    {"evidence": gettext("Say how we know the source is wrong.")}
                )
            return  # Neither: the constraint's message says what is missing.
        citation = self.citation
        if citation.conference_id != self.conference_id or citation.field != self.field:
            raise ValidationError(
                {"citation": gettext("Choose a citation of this edition's same field.")}
            )
        if not supports(
            self.field, self.new_value, citation.excerpt, inferred=citation.inferred
        ):
            raise ValidationError(
                {
                    "citation": gettext(
                        "This citation does not support the new value: “%(excerpt)s”."
                    )
                    % {"excerpt": citation.excerpt}
                }
            )


def record_correction(
    conference,
    *,
    field: str,
    new_value: str,
    reason: str,
    citation=None,
    source_wrong: bool = False,
    evidence: str = "",
    by=None,
) -> Correction:
    """Change one sourced value of an edition as a correction, and record the correction.

    The new value is given as text ("353", "2025-02-12", "Lyon") and read by the field;
    a ValidationError (nothing saved) says what is wrong with the value or the evidence.
    """
    from django.db import transaction

    from history.services import save_with_history

    if field not in Citation.Field.values:
        raise ValidationError(
            {
                "field": gettext("“%(field)s” is not a field an edition cites.")
                % {"field": field}
            }
        )
    model_field = type(conference)._meta.get_field(field)
    try:
        value = model_field.to_python(new_value)
    except ValidationError as error:
        raise ValidationError({"new_value": error.messages}) from error
    correction = Correction(
        conference=conference,
        field=field,
        old_value=value_text(getattr(conference, field)),
        new_value=value_text(value),
        reason=reason,
        citation=citation,
        source_wrong=source_wrong,
        evidence=evidence,
    )
    # Checked before the edition changes, so a refused correction leaves the edition
    # untouched in memory too; save_with_history checks both again as it saves them.
    correction.full_clean()
    with transaction.atomic():
        setattr(conference, field, value)
        conference._corrections_pending = {field}
        save_with_history(conference, user=by, reason=reason[:100])
        save_with_history(correction, user=by, reason=reason[:100])
    return correction
