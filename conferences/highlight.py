"""A source report's reading text with the passages the archive cites marked and numbered."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

from speakers.models import Appearance, Quote

from .models import (
    ConferenceTopic,
    Delegation,
    KeyFigure,
    Membership,
    RoundTable,
    SourceReport,
)
from .text import find_excerpt

PARAGRAPH = re.compile(r"[^\n]+")


def english(text) -> SafeString:
    """Return the records' own words, marked as English for the page's readers."""
    return format_html('<span lang="en">{}</span>', text)


def worded(message: str, **words) -> SafeString:
    """Return a translated message with the records' words (already safe) put in."""
    return mark_safe(conditional_escape(message) % words)  # noqa: S308 - all escaped


@dataclass
class CitedFact:
    """A fact the archive takes from a report, with the report's words that support it."""

    anchor: str
    kind: str
    label: str
    edition_url: str
    passages: list[str]
    number: int = 0
    found: bool = False
    reasoning: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def excerpt(self) -> str:
        return next((p for p in self.passages if p), "")


@dataclass
class SourcedKind:
    """A kind of fact that cites a report: how to load it and how a note names it."""

    model: type
    related: tuple[str, ...]
    prefix: str
    kind: str
    label: Callable[[object], str]
    fragment: Callable[[object], str]
    passages: Callable[[object], list[str]] = lambda fact: [fact.excerpt]


SOURCED_KINDS = [
    SourcedKind(
        Appearance,
        ("person",),
        "appearance",
        gettext_lazy("Leader"),
        lambda a: worded(
            gettext("%(person)s as %(role)s"),
            person=english(a.person),
            role=english(a.role),
        ),
        lambda a: f"leader-{a.pk}",
    ),
    # A quote's own words come first: they are what a link to the quote should land on.
    SourcedKind(
        Quote,
        ("person",),
        "quote",
        gettext_lazy("Quote"),
        lambda q: worded(
            gettext("%(person)s: %(words)s"),
            person=english(q.person),
            words=english(f"“{q.text}”"),
        ),
        lambda q: f"quote-{q.pk}",
        lambda q: [q.text, q.excerpt, q.also_excerpt],
    ),
    SourcedKind(
        ConferenceTopic,
        ("topic",),
        "topic",
        gettext_lazy("Topic"),
        lambda t: worded(
            gettext("%(topic)s: %(wording)s"),
            topic=english(t.topic),
            wording=conditional_escape(topic_wording(t)),
        ),
        lambda t: f"topic-{t.topic.slug}",
    ),
    SourcedKind(
        KeyFigure,
        (),
        "figure",
        gettext_lazy("Key figure"),
        lambda f: english(f.label),
        lambda f: f"figure-{f.pk}",
    ),
    SourcedKind(
        RoundTable,
        (),
        "round-table",
        gettext_lazy("Round table"),
        lambda r: worded(gettext("%(region)s round table"), region=english(r.region)),
        lambda r: f"round-table-{r.pk}",
    ),
    SourcedKind(
        Delegation,
        (),
        "delegation",
        gettext_lazy("Delegation"),
        lambda d: worded(gettext("%(country)s delegation"), country=english(d.country)),
        lambda d: f"delegation-{d.pk}",
    ),
]


def topic_wording(link: ConferenceTopic) -> str:
    """Say how a report has the topic: an example, on an announced agenda, or discussed."""
    if link.mention == ConferenceTopic.Mention.EXAMPLE:
        return gettext("mentioned as an example")
    if link.source.is_announcement:
        return gettext("on the agenda (announced)")
    return gettext("discussed")


def field_of(citation) -> str:
    """Name the edition's field a citation is for: “City of the 20th … Conference”."""
    return gettext("%(field)s of the %(conference)s") % {
        "field": citation.get_field_display(),
        "conference": citation.conference,
    }


def cited_facts(report: SourceReport) -> list[CitedFact]:
    """Return every fact that cites the report, in the order its words stand in the text.

    One query for the report's citations (prefetched) and one for each kind of sourced fact.
    """
    facts = [
        CitedFact(
            anchor=f"citation-{citation.pk}",
            kind=gettext("Inferred value")
            if citation.inferred
            else gettext("Edition fact"),
            label=field_of(citation),
            edition_url=f"{citation.conference.get_absolute_url()}#fact-{citation.field}",
            passages=[citation.excerpt],
            reasoning=citation.reasoning if citation.inferred else "",
        )
        for citation in report.citation_list
    ]
    facts += [
        CitedFact(
            anchor=f"evidence-{citation.pk}",
            kind=gettext("Evidence for an inferred value"),
            label=field_of(citation),
            edition_url=f"{citation.conference.get_absolute_url()}#fact-{citation.field}",
            passages=[],
            reasoning=citation.reasoning,
        )
        for citation in getattr(report, "evidence_list", [])
    ]
    for sourced in SOURCED_KINDS:
        rows = (
            sourced.model.objects.published()
            .filter(source=report)
            .select_related("conference", "source", *sourced.related)
        )
        facts += [
            CitedFact(
                anchor=f"{sourced.prefix}-{row.pk}",
                kind=row.get_kind_display() if sourced.model is Quote else sourced.kind,
                label=sourced.label(row),
                edition_url=f"{row.conference.get_absolute_url()}#{sourced.fragment(row)}",
                passages=sourced.passages(row),
            )
            for row in rows
        ]
    if report.is_record:
        facts += membership_facts(report)
    text = report.reading_text
    for fact in facts:
        for passage in fact.passages:
            span = find_excerpt(text, passage, allow_joined=True) if passage else None
            if span and span not in fact.spans:
                fact.spans.append(span)
        fact.found = bool(fact.spans)
    facts.sort(key=lambda f: (not f.found, f.spans[0] if f.spans else (0, 0), f.anchor))
    for number, fact in enumerate(facts, start=1):
        fact.number = number
    return facts


def membership_facts(record: SourceReport) -> list[CitedFact]:
    """Return the figures of INTERPOL's membership that cite the record (one query)."""
    figures = Membership.objects.filter(Q(source=record) | Q(date_source=record))
    trends = reverse("stats:trends")
    return [
        CitedFact(
            anchor=f"membership-{figure.pk}",
            kind=gettext("INTERPOL’s membership"),
            label=gettext("%(members)s member countries from %(day)s")
            % {
                "members": figure.members,
                "day": date_format(figure.effective_on),
            },
            edition_url=f"{trends}#membership-{figure.pk}",
            passages=[
                *([figure.excerpt] if figure.source_id == record.pk else []),
                *(
                    [figure.date_excerpt]
                    if (figure.date_source_id or figure.source_id) == record.pk
                    else []
                ),
            ],
            reasoning=figure.date_reasoning,
        )
        for figure in figures.order_by("effective_on")
    ]


def highlighted_paragraphs(text: str, facts: list[CitedFact]) -> list[SafeString]:
    """Return the text's paragraphs as HTML: cited passages in <mark>, each with its notes.

    Each fact's first passage (a quote's own words, not its attribution) carries an empty
    anchor `cite-<fact>` to link to; a passage
    that crosses a paragraph break is marked in each paragraph it covers.
    """
    spans = [(start, end, fact) for fact in facts for start, end in fact.spans]
    note = gettext("Note %(number)s")
    anchored = set()
    paragraphs = []
    for match in PARAGRAPH.finditer(text):
        p_start, p_end = match.span()
        cuts = {p_start, p_end}
        for start, end, _ in spans:
            cuts.update(c for c in (start, end) if p_start < c < p_end)
        cuts = sorted(cuts)
        parts = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            covering = [f for s, e, f in spans if s < b and e > a]
            words = text[a:b]
            if not covering:
                parts.append(format_html("{}", words))
                continue
            anchors = [
                f
                for f in facts
                if f.spans and f.spans[0][0] == a and f.anchor not in anchored
            ]
            anchored.update(f.anchor for f in anchors)
            ending = sorted(
                {f.number: f for s, e, f in spans if e == b}.values(),
                key=lambda f: f.number,
            )
            parts.append(
                format_html(
                    '<mark class="cited{}">{}{}</mark>{}',
                    " cited--deep" if len(covering) > 1 else "",
                    format_html_join(
                        "",
                        '<span class="anchor" id="cite-{}"></span>',
                        ((f.anchor,) for f in anchors),
                    ),
                    words,
                    format_html_join(
                        "",
                        '<sup class="note-ref"><a href="#note-{0}" aria-label="{1}">{0}</a></sup>',
                        ((f.number, note % {"number": f.number}) for f in ending),
                    ),
                )
            )
        paragraphs.append(format_html_join("", "{}", ((part,) for part in parts)))
    return paragraphs
