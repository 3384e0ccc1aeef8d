"""An edition's public history: what changed, when and why, with corrections marked.

Edition-specific (it gathers an edition's own row, its citations and its corrections), so
it lives here rather than in the generic history/ app. Readers see what changed and why,
never who: every change is "an archivist"'s.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Citation, Conference, Correction
from .support import value_text

# Fields of an edition's row that readers see in its history (not the summary's prose diff).
EDITION_FIELDS = [*Citation.Field.values, "summary", "status"]
CITATION_FIELDS = ["field", "source", "excerpt", "inferred", "reasoning"]
# How the history names the fields that are not an edition's facts.
LABELS = {
    "summary": _("Summary"),
    "status": _("Status"),
    "field": _("Field"),
    "source": _("Source"),
    "excerpt": _("Excerpt"),
    "inferred": _("Inferred"),
    "reasoning": _("Reasoning"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    """One entry of the history: a save of the edition, of a citation, or a correction."""

    date: datetime.datetime
    what: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    correction: Correction | None = None
    kind: str = "changed"  # added, changed, deleted, correction

    @property
    def is_correction(self) -> bool:
        return self.correction is not None


def _text(model, name: str, value) -> str:
    if value is None or value == "":
        return "—"
    if name == "status":
        return dict(Conference.Status.choices).get(value, value)
    if name == "field":
        return dict(Citation.Field.choices).get(value, value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return value_text(value)


def _label(model, name: str) -> str:
    if model is Conference and name in Citation.Field.values:
        return Citation.Field(name).label
    if name in LABELS:
        return str(LABELS[name])
    return model._meta.get_field(name).verbose_name.capitalize()


def _entries(model, records, fields, what) -> list[Change]:
    """Turn a row's history records (oldest first) into changes with old and new values."""
    entries = []
    previous = {}
    for record in records:
        key = record.id
        before = previous.get(key)
        reason = record.history_change_reason or gettext("No reason was recorded.")
        if record.history_type == "+":
            entries.append(
                Change(record.history_date, what(record), reason, kind="added")
            )
        elif record.history_type == "-":
            entries.append(
                Change(record.history_date, what(record), reason, kind="deleted")
            )
        elif before is not None:
            changes = [
                FieldChange(
                    _label(model, name),
                    _text(model, name, getattr(before, _attname(model, name))),
                    _text(model, name, getattr(record, _attname(model, name))),
                )
                for name in fields
                if getattr(before, _attname(model, name))
                != getattr(record, _attname(model, name))
            ]
            if changes:
                entries.append(
                    Change(record.history_date, what(record), reason, changes)
                )
        previous[key] = record
    return entries


def _attname(model, name: str) -> str:
    return model._meta.get_field(name).attname


def edition_changes(conference: Conference) -> list[Change]:
    """Return the edition's history, newest first: its saves, its citations', corrections."""
    entries = _entries(
        Conference,
        conference.history.order_by("history_date", "history_id"),
        EDITION_FIELDS,
        lambda record: gettext("The edition"),
    )
    citations = Citation.history.filter(conference_id=conference.pk).order_by(
        "history_date", "history_id"
    )
    entries += _entries(
        Citation,
        citations,
        CITATION_FIELDS,
        lambda record: (
            gettext("The citation of the %(field)s")
            % {"field": _text(Citation, "field", record.field).lower()}
        ),
    )
    for correction in conference.corrections.select_related("citation__source"):
        entries.append(
            Change(
                correction.recorded_at,
                gettext("Correction to the %(field)s")
                % {"field": correction.get_field_display().lower()},
                correction.reason,
                [
                    FieldChange(
                        correction.get_field_display(),
                        correction.old_value or "—",
                        correction.new_value,
                    )
                ],
                correction=correction,
                kind="correction",
            )
        )
    return sorted(entries, key=lambda e: e.date, reverse=True)


def published_dates() -> dict[int, datetime.datetime]:
    """Return {edition pk: when it was first saved as published} in one query."""
    return dict(
        Conference.history.filter(status=Conference.Status.PUBLISHED)
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
    )
