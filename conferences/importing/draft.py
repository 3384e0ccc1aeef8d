"""What the rules find in a report, typed: the draft of an edition and what it cites.

A draft crosses into JSON in one place each way: `Draft.to_json()` for the stored
`ReportImport.draft` and the `import_report --dry-run` output, `Draft.from_json()` to read
a stored one back. Findings are frozen: a rule returns new values, it never changes another
rule's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from conferences.models import Citation

# The edition's fields the rules look for: every cited field of an edition but those no
# rule reads (the venue and the meeting's format are left to the archivist).
NOT_EXTRACTED = {Citation.Field.VENUE, Citation.Field.FORMAT}
EDITION_FIELDS = [name for name in Citation.Field.values if name not in NOT_EXTRACTED]


@dataclass(frozen=True)
class Finding:
    """A value the report gives, with the words it stands in and how sure the rule is.

    confidence is 1.0 when the wording leaves no doubt, lower when the rule guesses; a
    value inferred rather than stated says so and why.
    """

    value: Any = None
    excerpt: str = ""
    confidence: float | None = None
    inferred: bool = False
    reasoning: str = ""

    def to_json(self) -> dict:
        data = {
            "value": self.value,
            "excerpt": self.excerpt,
            "confidence": self.confidence,
        }
        if self.inferred or self.reasoning:  # a value inferred, or a doubt left empty
            data |= {"inferred": self.inferred, "reasoning": self.reasoning}
        return data

    @classmethod
    def from_json(cls, data: dict) -> Finding:
        return cls(
            value=data.get("value"),
            excerpt=data.get("excerpt", ""),
            confidence=data.get("confidence"),
            inferred=bool(data.get("inferred")),
            reasoning=data.get("reasoning", ""),
        )


NOT_FOUND = Finding()


def found(value, excerpt: str, confidence: float) -> Finding:
    """Return a value the report states."""
    return Finding(value, excerpt, round(confidence, 2))


def inferred(value, excerpt: str, confidence: float, reasoning: str) -> Finding:
    """Return a value the report does not state, with how the rule inferred it."""
    return Finding(value, excerpt, round(confidence, 2), True, reasoning)


@dataclass(frozen=True)
class EditionFindings:
    """The edition's fields as the report gives them (NOT_FOUND where it does not)."""

    edition: Finding = NOT_FOUND
    year: Finding = NOT_FOUND
    start_date: Finding = NOT_FOUND
    end_date: Finding = NOT_FOUND
    city: Finding = NOT_FOUND
    country: Finding = NOT_FOUND
    delegates: Finding = NOT_FOUND
    countries: Finding = NOT_FOUND
    member_countries: Finding = NOT_FOUND
    theme: Finding = NOT_FOUND

    def items(self) -> list[tuple[str, Finding]]:
        return [(name, getattr(self, name)) for name in EDITION_FIELDS]

    def to_json(self) -> dict:
        return {name: finding.to_json() for name, finding in self.items()}

    @classmethod
    def from_json(cls, data: dict) -> EditionFindings:
        return cls(
            **{
                name: Finding.from_json(data[name])
                for name in EDITION_FIELDS
                if name in data
            }
        )


@dataclass(frozen=True)
class RoleFinding:
    """An office the report gives someone: its title as worded, and its kind."""

    role: str
    kind: str
    excerpt: str
    confidence: float

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> RoleFinding:
        return cls(data["role"], data["kind"], data["excerpt"], data["confidence"])


@dataclass
class PersonFinding:
    """Someone the report names, in the roles it gives them.

    person is the slug of the archive's Person of that name, once the import looked;
    mentions are where the report names them (for the rules only, never stored).
    """

    name: str
    roles: list[RoleFinding] = field(default_factory=list)
    person: str | None = None
    mentions: list[int] = field(default_factory=list, repr=False, compare=False)

    @property
    def role(self) -> str:
        return self.roles[0].role if self.roles else ""

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    def kinds(self) -> set[str]:
        return {role.kind for role in self.roles}

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "roles": [role.to_json() for role in self.roles],
            "person": self.person,
        }

    @classmethod
    def from_json(cls, data: dict) -> PersonFinding:
        return cls(
            name=data["name"],
            roles=[RoleFinding.from_json(role) for role in data.get("roles", [])],
            person=data.get("person"),
        )


@dataclass(frozen=True)
class QuoteFinding:
    """Words the report gives someone: quoted directly, or reported (a paraphrase).

    kind is one of the archive's Quote.Kind values: "direct" (the words without their
    quotation marks) or "paraphrase" (reported speech: the report's sentence).

    paragraphs are the quote's words paragraph by paragraph, each word for word in the
    report: one for most quotes (then it is the text), several for a quotation the press
    runs over paragraphs, opening the mark again on each. The archive records a quote
    paragraph by paragraph (one Quote each, as the curated reports are recorded), so these
    are what an import writes; text is their words read as one.
    """

    speaker: str
    text: str
    excerpt: str
    confidence: float
    kind: str = "direct"
    paragraphs: tuple[str, ...] = ()

    def __post_init__(self):
        if not self.paragraphs:  # one paragraph: the text itself
            object.__setattr__(self, "paragraphs", (self.text,))
        else:
            object.__setattr__(self, "paragraphs", tuple(self.paragraphs))

    def to_json(self) -> dict:
        return dataclasses.asdict(self) | {"paragraphs": list(self.paragraphs)}

    @classmethod
    def from_json(cls, data: dict) -> QuoteFinding:
        return cls(
            data["speaker"],
            data["text"],
            data["excerpt"],
            data["confidence"],
            data.get("kind", "direct"),  # drafts stored before reported speech
            tuple(data.get("paragraphs", ())),  # drafts stored before paragraphs
        )


@dataclass(frozen=True)
class TopicFinding:
    """A topic the report discusses: one of the archive's, or a new one proposed."""

    topic: str
    name: str
    new: bool
    excerpt: str
    confidence: float

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> TopicFinding:
        return cls(
            data["topic"],
            data["name"],
            data["new"],
            data["excerpt"],
            data["confidence"],
        )


@dataclass(frozen=True)
class FigureFinding:
    """A number the report gives with what it counts: '18 million messages'."""

    label: str
    value: int
    unit: str
    qualifier: str
    period: str
    excerpt: str
    confidence: float

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> FigureFinding:
        return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class RoundTableFinding:
    """A regional round table the report says was held: the region, as the archive names it."""

    region: str
    excerpt: str
    confidence: float

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> RoundTableFinding:
        return cls(data["region"], data["excerpt"], data["confidence"])


@dataclass(frozen=True)
class Unplaced:
    """Something the report gives that the import could not place in the archive.

    kind is one of UnplacedFinding.Kind's values (a person not in the archive, a role
    with no office, a new topic, a figure without a unit, a round table); value names
    it; why says, in plain words, why it was not placed. An archivist adds or dismisses
    each (conferences.models.UnplacedFinding), so nothing is silently dropped.
    """

    kind: str
    value: str
    excerpt: str
    why: str

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Unplaced:
        return cls(data["kind"], data["value"], data["excerpt"], data["why"])


@dataclass(frozen=True)
class SourceFinding:
    """The report itself: its headline and publisher, when and in what language."""

    headline: str = ""
    publisher: str = ""
    published: str | None = None
    language: str = "en"

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> SourceFinding:
        return cls(
            headline=data.get("headline", ""),
            publisher=data.get("publisher", ""),
            published=data.get("published"),
            language=data.get("language", "en"),
        )


@dataclass(frozen=True)
class Proposal:
    """A field of an edition the archive has that the report fills or contradicts."""

    field: str
    kind: str  # "addition" or "correction"
    current: Any
    proposed: Any
    excerpt: str
    confidence: float | None

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Proposal:
        return cls(**{f.name: data.get(f.name) for f in dataclasses.fields(cls)})


@dataclass
class Draft:
    """Everything the rules drafted from one report, and how it meets the archive."""

    source: SourceFinding = field(default_factory=SourceFinding)
    fields: EditionFindings = field(default_factory=EditionFindings)
    people: list[PersonFinding] = field(default_factory=list)
    quotes: list[QuoteFinding] = field(default_factory=list)
    topics: list[TopicFinding] = field(default_factory=list)
    key_figures: list[FigureFinding] = field(default_factory=list)
    round_tables: list[RoundTableFinding] = field(default_factory=list)
    existing_edition: int | None = None
    proposals: list[Proposal] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "source": self.source.to_json(),
            "fields": self.fields.to_json(),
            "people": [person.to_json() for person in self.people],
            "quotes": [quote.to_json() for quote in self.quotes],
            "topics": [topic.to_json() for topic in self.topics],
            "key_figures": [figure.to_json() for figure in self.key_figures],
            "existing_edition": self.existing_edition,
            "proposals": [proposal.to_json() for proposal in self.proposals],
            # Added after the keys above, which keep their order and shape.
            "round_tables": [table.to_json() for table in self.round_tables],
            "unplaced": [item.to_json() for item in self.unplaced],
        }

    @classmethod
    def from_json(cls, data: dict) -> Draft:
        return cls(
            source=SourceFinding.from_json(data.get("source", {})),
            fields=EditionFindings.from_json(data.get("fields", {})),
            people=[PersonFinding.from_json(p) for p in data.get("people", [])],
            quotes=[QuoteFinding.from_json(q) for q in data.get("quotes", [])],
            topics=[TopicFinding.from_json(t) for t in data.get("topics", [])],
            key_figures=[
                FigureFinding.from_json(f) for f in data.get("key_figures", [])
            ],
            round_tables=[
                RoundTableFinding.from_json(t) for t in data.get("round_tables", [])
            ],
            existing_edition=data.get("existing_edition"),
            proposals=[Proposal.from_json(p) for p in data.get("proposals", [])],
            unplaced=[Unplaced.from_json(u) for u in data.get("unplaced", [])],
        )
