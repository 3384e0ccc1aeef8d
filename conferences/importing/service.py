"""Importing a new report: store it as a source and draft its edition, in one transaction.

`report_import()` is the one way in, for the `import_report` command and the admin's
import page alike; `report_import_apply()` writes a drafted import's values into its
edition (a new edition is applied at once; an edition the archive has, once an archivist
has reviewed the proposals). What the rules find but the import cannot place is listed
in the draft (`unplaced`) and, once applied, for the archivist to add or dismiss
(review.py).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction

from conferences.models import (
    Citation,
    Conference,
    ConferenceTopic,
    KeyFigure,
    ReportImport,
    SourceReport,
    Topic,
)
from history.services import save_with_history
from speakers.models import Appearance, Person, Quote

from .draft import Draft, Proposal
from .review import placed_roles, store_unplaced, unplaced_in
from .rules import extract_report

CHANGE_REASON = "Imported from a report"
# A press report is a few thousand characters; the rules stay fast below this.
MAX_CHARACTERS = 1_000_000
# The most bytes such a report takes in UTF-8 (four at most per character).
MAX_BYTES = 4 * MAX_CHARACTERS


class ReportImportError(Exception):
    """The report cannot be imported: empty, binary, unreadable, or already in the archive."""


@dataclass
class ImportOutcome:
    """What an import found and, unless it was a dry run, what it wrote."""

    draft: Draft
    report_import: ReportImport | None = None

    def summary(self) -> str:
        if self.report_import is None:
            return "Dry run: nothing was written."
        ri = self.report_import
        if ri.state == ReportImport.State.IN_REVIEW:
            return (
                f"Stored the report as {ri.source.slug} and drafted the {ri.conference} "
                "(hidden from readers until an archivist publishes it)."
                + _unplaced_summary(len(self.draft.unplaced))
            )
        if ri.conference is not None:
            return (
                f"Stored the report as {ri.source.slug}. The {ri.conference} is already "
                f"in the archive: {len(ri.proposals)} proposed additions and corrections "
                "await review in the admin."
            )
        return (
            f"Stored the report as {ri.source.slug}. It gives no edition number: set one "
            "on the import in the admin, then apply it."
        )


def _unplaced_summary(count: int) -> str:
    if count == 1:
        return (
            " 1 thing the import could not place waits on the import's page to be "
            "added or dismissed before the edition is published."
        )
    if count:
        return (
            f" {count} things the import could not place (people, round tables…) wait "
            "on the import's page to be added or dismissed before the edition is "
            "published."
        )
    return ""


def decode_report(data: bytes) -> str:
    """Return a report file's text; refuse empty, binary or non-UTF-8 input in plain words."""
    if not data.strip():
        raise ReportImportError("The report is empty.")
    if b"\x00" in data:
        raise ReportImportError(
            "The report is not text (it contains binary data): give a plain-text (.txt) file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReportImportError(
            f"The report is not UTF-8 text (unreadable byte at position {error.start}): "
            "save it as UTF-8 plain text."
        ) from None


def check_text(text: str) -> None:
    if not text or not text.strip():
        raise ReportImportError("The report is empty.")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if "\x00" in text or controls > len(text) // 100:
        raise ReportImportError(
            "The report is not text (it contains binary data): give a plain-text (.txt) file."
        )
    if len(text) > MAX_CHARACTERS:
        raise ReportImportError(
            f"The report is too long ({len(text):,} characters; at most "
            f"{MAX_CHARACTERS:,}): import one report at a time."
        )
    if len(text.split()) < 20:
        raise ReportImportError(
            "The report is too short to be a conference report (fewer than 20 words)."
        )


def _placed(draft: Draft) -> Draft:
    """Return the draft as it meets the archive now: who is in it, and what is unplaced."""
    known = _people_in_archive()
    people = [
        dataclasses.replace(person, person=known.get(person.name.casefold()))
        for person in draft.people
    ]
    draft = dataclasses.replace(draft, people=people)
    return dataclasses.replace(draft, unplaced=unplaced_in(draft))


def _people_in_archive() -> dict[str, str]:
    """Return the slug of each person in the archive by each of their names, casefolded."""
    by_name = {}
    for person in Person.objects.all():
        for name in person.names:
            by_name[name.casefold()] = person.slug
    return by_name


def _value(field: str, value):
    """Return a draft value as the edition stores it; None for a date without a year."""
    if value is None:
        return None
    if field in ("start_date", "end_date"):
        return None if value.startswith("--") else datetime.date.fromisoformat(value)
    return value


def _proposals(conference: Conference, draft: Draft) -> list[Proposal]:
    """Compare an edition already in the archive with the draft: additions and corrections."""
    proposals = []
    for field, cited in draft.fields.items()[1:]:  # not the edition's number
        proposed = _value(field, cited.value)
        if proposed is None:
            continue
        current = getattr(conference, field)
        if current == proposed:
            continue
        proposals.append(
            Proposal(
                field=field,
                kind="addition" if current in (None, "") else "correction",
                current=current.isoformat()
                if isinstance(current, datetime.date)
                else current,
                proposed=cited.value,
                excerpt=cited.excerpt,
                confidence=cited.confidence,
            )
        )
    return proposals


def _save(instance: models.Model, user, reason: str = CHANGE_REASON) -> models.Model:
    return save_with_history(instance, user=user, reason=reason)


def report_import(
    *,
    text: str,
    publisher: str = "",
    published: datetime.date | None = None,
    language: str = "en",
    dry_run: bool = False,
    file_name: str = "",
    user=None,
) -> ImportOutcome:
    """Store a report as a source and draft its edition from it, in one transaction.

    A new edition number drafts a new edition (status draft, hidden from readers). For an
    edition the archive has, or a report with no edition number, the import waits with its
    proposals for an archivist. With dry_run nothing is written; the draft is returned.
    """
    check_text(text)
    draft = extract_report(
        text,
        vocabulary=list(Topic.objects.values("slug", "name")),
        published=published,
    )
    number = draft.fields.edition.value
    existing = Conference.objects.filter(edition=number).first() if number else None
    draft = dataclasses.replace(
        _placed(draft),
        source=dataclasses.replace(
            draft.source,
            publisher=publisher or draft.source.publisher,
            published=published.isoformat() if published else None,
            language=language,
        ),
        existing_edition=existing.edition if existing else None,
        proposals=_proposals(existing, draft) if existing else [],
    )
    if dry_run:
        return ImportOutcome(draft)
    try:
        with transaction.atomic():
            return ImportOutcome(draft, _write(text, draft, existing, file_name, user))
    except ValidationError as error:
        raise ReportImportError(f"Nothing was imported: {_flatten(error)}") from error


def _flatten(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def _write(
    text: str, draft: Draft, existing: Conference | None, file_name: str, user
) -> ReportImport:
    duplicate = SourceReport.objects.filter(raw_text=text).first()
    if duplicate:
        raise ReportImportError(
            f"This report is already in the archive as “{duplicate}” ({duplicate.slug})."
        )
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    found = draft.source
    source = _save(
        SourceReport(
            slug=f"report-{digest}",
            file_name=file_name[:200],
            headline=found.headline[:300],
            publisher=found.publisher[:200],
            published_on=datetime.date.fromisoformat(found.published)
            if found.published
            else None,
            language=found.language,
            raw_text=text,
        ),
        user,
    )
    number = draft.fields.edition.value
    report_import = ReportImport(
        source=source,
        conference=existing,
        edition=number,
        draft=draft.to_json(),
        proposals=[proposal.to_json() for proposal in draft.proposals],
        created_by=user,
    )
    _save(report_import, user)
    if number and existing is None:
        report_import_apply(report_import=report_import, user=user)
    return report_import


@transaction.atomic
def report_import_apply(*, report_import: ReportImport, user=None) -> Conference:
    """Write an import into its edition: a new draft edition, or additions to an existing one.

    An existing edition only gains: empty fields are filled, corrections stay proposals for
    the archivist to make by hand; citations, appearances and quotes of people the archive
    knows, topics of its vocabulary and key figures are added when missing. What it cannot
    place (the draft's `unplaced`, as the archive stands now) is stored for the archivist
    to add or dismiss. The import moves from drafted to in review (or published, for an
    edition readers already see).
    """
    if report_import.state != ReportImport.State.DRAFTED:
        raise ReportImportError(
            f"{report_import} is {report_import.state_label.lower()}: only a drafted "
            "import can be applied."
        )
    number = report_import.edition
    if not number:
        raise ReportImportError(
            "The report gives no edition number: set the edition on the import first."
        )
    draft = _placed(Draft.from_json(report_import.draft))
    source = report_import.source
    conference = Conference.objects.filter(edition=number).first()
    creating = conference is None
    if creating:
        conference = Conference(edition=number, status=Conference.Status.DRAFT)
    filled = False
    for field, cited in draft.fields.items()[1:]:
        value = _value(field, cited.value)
        if value is not None and getattr(conference, field) in (None, ""):
            setattr(conference, field, value)
            filled = True
    if creating or filled:  # an unchanged edition gets no empty version in its history
        _save(conference, user)
    source.conference = conference
    _save(source, user)
    for field, cited in draft.fields.items():
        value = _value(field, cited.value)
        if value is None or getattr(conference, field) != value:
            continue
        if Citation.objects.filter(
            conference=conference, field=field, source=source
        ).exists():
            continue
        is_inferred = cited.inferred or not cited.excerpt
        _save(
            Citation(
                conference=conference,
                field=field,
                source=source,
                excerpt=cited.excerpt,
                inferred=is_inferred,
                reasoning=cited.reasoning
                or ("Inferred by the import rules." if is_inferred else ""),
            ),
            user,
        )
    _apply_people(conference, source, draft, user)
    _apply_topics_and_figures(conference, source, draft, user)
    report_import.draft = draft.to_json()
    report_import.mark_applied(conference)
    _save(report_import, user)
    store_unplaced(report_import, draft, user)
    return conference


def _apply_people(
    conference: Conference, source: SourceReport, draft: Draft, user
) -> None:
    speakers = {}
    for named in draft.people:
        person = Person.objects.filter(slug=named.person or "").first()
        if person is None:
            continue  # not in the archive: unplaced, for the archivist
        for role, office in placed_roles(named):  # none placed: unplaced too
            if not Appearance.objects.filter(
                conference=conference, person=person, office=office
            ).exists():
                _save(
                    Appearance(
                        conference=conference,
                        person=person,
                        office=office,
                        source=source,
                        role=role.role[:200],
                        excerpt=role.excerpt,
                    ),
                    user,
                )
            speakers[named.name] = person
    # A quotation over several paragraphs is recorded as the curated reports are: one
    # Quote per paragraph, each word for word in the report, with the same speaker and
    # the same words naming them, one after another.
    paragraphs = [
        (quote, paragraph) for quote in draft.quotes for paragraph in quote.paragraphs
    ]
    for position, (quote, paragraph) in enumerate(paragraphs, start=1):
        person = speakers.get(quote.speaker)
        if person is None or not quote.excerpt:
            continue
        if Quote.objects.filter(source=source, person=person, text=paragraph).exists():
            continue
        _save(
            Quote(
                conference=conference,
                person=person,
                source=source,
                kind=Quote.Kind(quote.kind),
                text=paragraph,
                excerpt=quote.excerpt,
                position=position,
            ),
            user,
        )


def _apply_topics_and_figures(
    conference: Conference, source: SourceReport, draft: Draft, user
) -> None:
    for item in draft.topics:
        topic = Topic.objects.filter(slug=item.topic).first()
        if item.new or topic is None or not item.excerpt:
            continue  # a proposed topic is unplaced: the archivist adds it or not
        if not ConferenceTopic.objects.filter(
            conference=conference, topic=topic
        ).exists():
            _save(
                ConferenceTopic(
                    conference=conference,
                    topic=topic,
                    source=source,
                    excerpt=item.excerpt,
                ),
                user,
            )
    for position, figure in enumerate(draft.key_figures, start=1):
        if (
            not figure.excerpt
            or not figure.unit.strip()  # unplaced: the archivist says what it counts
            or KeyFigure.objects.filter(
                conference=conference, value=figure.value, unit=figure.unit
            ).exists()
        ):
            continue
        _save(
            KeyFigure(
                conference=conference,
                source=source,
                label=(figure.label or figure.unit)[:200],
                value=figure.value,
                unit=figure.unit[:50],
                qualifier=figure.qualifier,
                period=figure.period[:100],
                excerpt=figure.excerpt,
                position=position,
            ),
            user,
        )
