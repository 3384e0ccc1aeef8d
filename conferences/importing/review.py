"""What the import could not place, and how an archivist places it or sets it aside.

`unplaced_in()` lists, from a draft, everything the importer will not write on its own:
people the archive does not have, roles no office matches, topics outside the vocabulary,
figures without a unit, regional round tables. Applying an import stores them as
UnplacedFinding rows; the `unplaced_add_*` functions write what an archivist adds for one
of them (each row through save_with_history, with the archivist's reason), and
`unplaced_dismiss()` records why one is left out. Publishing waits until none is open.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils.text import slugify

from conferences.models import (
    ConferenceTopic,
    KeyFigure,
    RoundTable,
    Topic,
    UnplacedFinding,
)
from history.services import save_with_history
from speakers.models import Appearance, Office, Person, Quote

from .draft import Draft, PersonFinding, RoleFinding, Unplaced

Kind = UnplacedFinding.Kind


# Posts held by one person at a time: the archive's one office of the kind is theirs.
# Others (the head of one bureau, a vice-president for one region) match by title.
ONE_HOLDER = {Office.Kind.PRESIDENT, Office.Kind.SECRETARY_GENERAL}


def office_for(role: RoleFinding) -> Office | None:
    """Return the archive's office for a role as the report words it, if one matches."""
    offices = list(Office.objects.filter(kind=role.kind))
    if len(offices) == 1 and role.kind in ONE_HOLDER:
        return offices[0]
    for office in offices:
        if office.title.casefold() in role.role.casefold():
            return office
    return None


def placed_roles(named: PersonFinding) -> list[tuple[RoleFinding, Office]]:
    """Return the roles of a person the archive has that the import places, with offices."""
    placed = []
    for role in named.roles:
        office = office_for(role)
        if office is not None and role.excerpt:
            placed.append((role, office))
    return placed


def _first_excerpt(draft: Draft, named: PersonFinding) -> str:
    for role in named.roles:
        if role.excerpt:
            return role.excerpt
    quote = next((q for q in draft.quotes if q.speaker == named.name), None)
    return quote.excerpt if quote else ""


def _quotes_of(draft: Draft, name: str) -> str:
    count = sum(1 for quote in draft.quotes if quote.speaker == name)
    return f" ({count} of their quotes wait with them)" if count else ""


def unplaced_in(draft: Draft) -> list[Unplaced]:
    """Return what the import will not place of a draft, each with why, in report order."""
    found = []
    for named in draft.people:
        excerpt = _first_excerpt(draft, named)
        if named.person is None:
            role = f", named as {named.role}" if named.role else ""
            found.append(
                Unplaced(
                    Kind.PERSON,
                    named.name,
                    excerpt,
                    f"{named.name}{role}{',' if role else ''} is not among the "
                    "archive's people"
                    f"{_quotes_of(draft, named.name)}.",
                )
            )
        elif not placed_roles(named):
            roles = ", ".join(f"“{role.role}”" for role in named.roles)
            found.append(
                Unplaced(
                    Kind.ROLE,
                    named.name,
                    excerpt,
                    (
                        f"No office of the archive matches {roles}"
                        if roles
                        else "The report gives no role"
                    )
                    + f"{_quotes_of(draft, named.name)}.",
                )
            )
    for topic in draft.topics:
        if topic.new:
            found.append(
                Unplaced(
                    Kind.TOPIC,
                    topic.name,
                    topic.excerpt,
                    f"“{topic.name}” is not in the archive's vocabulary of topics.",
                )
            )
    for figure in draft.key_figures:
        if not figure.unit.strip():
            found.append(
                Unplaced(
                    Kind.FIGURE,
                    f"{figure.value:,}",
                    figure.excerpt,
                    "The report does not say what the number counts.",
                )
            )
    for table in draft.round_tables:
        found.append(
            Unplaced(
                Kind.ROUND_TABLE,
                table.region,
                table.excerpt,
                "The import does not add round tables on its own: check the region "
                "against the excerpt.",
            )
        )
    return found


def store_unplaced(report_import, draft: Draft, user) -> None:
    """Write the draft's unplaced findings for the import, once (applying does this)."""
    if report_import.unplaced.exists():
        return
    for position, item in enumerate(draft.unplaced, start=1):
        save_with_history(
            UnplacedFinding(
                report_import=report_import,
                kind=item.kind,
                value=item.value[:300],
                excerpt=item.excerpt,
                why=item.why,
                position=position,
            ),
            user=user,
            reason="Found by the import, not placed",
        )


def _next_position(rows: models.QuerySet) -> int:
    return (rows.aggregate(last=models.Max("position"))["last"] or 0) + 1


def _edition_and_source(finding: UnplacedFinding):
    report_import = finding.report_import
    return report_import.conference, report_import.source


@transaction.atomic
def unplaced_add_appearance(
    *,
    finding: UnplacedFinding,
    person: Person,
    office: Office,
    role: str,
    excerpt: str,
    user=None,
    reason: str,
) -> Appearance:
    """Place a person the import could not: their appearance, and the quotes the draft
    gives them."""
    conference, source = _edition_and_source(finding)
    appearance = save_with_history(
        Appearance(
            conference=conference,
            person=person,
            office=office,
            source=source,
            role=role[:200],
            excerpt=excerpt,
        ),
        user=user,
        reason=reason,
    )
    draft = Draft.from_json(finding.report_import.draft)
    for position, quote in enumerate(draft.quotes, start=1):
        if quote.speaker != finding.value or not quote.excerpt:
            continue
        if Quote.objects.filter(source=source, person=person, text=quote.text).exists():
            continue
        save_with_history(
            Quote(
                conference=conference,
                person=person,
                source=source,
                kind=Quote.Kind(quote.kind),
                text=quote.text,
                excerpt=quote.excerpt,
                position=position,
            ),
            user=user,
            reason=reason,
        )
    finding.decide(UnplacedFinding.Decision.ADDED, by=user, reason=reason)
    return appearance


@transaction.atomic
def unplaced_add_topic(
    *,
    finding: UnplacedFinding,
    topic: Topic | None = None,
    name: str = "",
    kind: str = Topic.Kind.OTHER,
    user=None,
    reason: str,
) -> ConferenceTopic:
    """Link the edition to a topic: one of the archive's, or a new one of that name."""
    conference, source = _edition_and_source(finding)
    if topic is None:
        topic = save_with_history(
            Topic(name=name, slug=slugify(name), kind=kind), user=user, reason=reason
        )
    link = save_with_history(
        ConferenceTopic(
            conference=conference, topic=topic, source=source, excerpt=finding.excerpt
        ),
        user=user,
        reason=reason,
    )
    finding.decide(UnplacedFinding.Decision.ADDED, by=user, reason=reason)
    return link


@transaction.atomic
def unplaced_add_round_table(
    *, finding: UnplacedFinding, region: str, excerpt: str, user=None, reason: str
) -> RoundTable:
    """Add the regional round table to the edition, citing the report's words."""
    conference, source = _edition_and_source(finding)
    table = save_with_history(
        RoundTable(
            conference=conference,
            source=source,
            region=region,
            excerpt=excerpt,
            position=_next_position(conference.round_tables),
        ),
        user=user,
        reason=reason,
    )
    finding.decide(UnplacedFinding.Decision.ADDED, by=user, reason=reason)
    return table


@transaction.atomic
def unplaced_add_key_figure(
    *, finding: UnplacedFinding, figure: KeyFigure, user=None, reason: str
) -> KeyFigure:
    """Add a key figure, its unit given by the archivist, to the edition."""
    conference, source = _edition_and_source(finding)
    figure.conference, figure.source = conference, source
    figure.position = _next_position(conference.key_figures)
    save_with_history(figure, user=user, reason=reason)
    finding.decide(UnplacedFinding.Decision.ADDED, by=user, reason=reason)
    return figure


def unplaced_dismiss(*, finding: UnplacedFinding, user=None, reason: str) -> None:
    """Leave a finding out of the archive, recording why."""
    finding.decide(UnplacedFinding.Decision.DISMISSED, by=user, reason=reason)
