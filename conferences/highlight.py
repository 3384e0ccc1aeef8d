"""A source report's reading text with the passages the archive cites marked and numbered."""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from speakers.models import Appearance, Quote

from .models import ConferenceTopic, KeyFigure, RoundTable, SourceReport
from .text import find_excerpt

PARAGRAPH = re.compile(r"[^\n]+")


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


def cited_facts(report: SourceReport) -> list[CitedFact]:
    """Return every fact that cites the report, in the order its words stand in the text."""
    facts = []
    for citation in report.citation_list:
        edition = citation.conference
        facts.append(
            CitedFact(
                anchor=f"citation-{citation.pk}",
                kind="Inferred value" if citation.inferred else "Edition fact",
                label=f"{citation.get_field_display()} of the {edition}",
                edition_url=f"{edition.get_absolute_url()}#fact-{citation.field}",
                passages=[citation.excerpt],
                reasoning=citation.reasoning if citation.inferred else "",
            )
        )
    for appearance in Appearance.objects.filter(source=report).select_related(
        "person", "conference"
    ):
        facts.append(
            CitedFact(
                anchor=f"appearance-{appearance.pk}",
                kind="Leader",
                label=f"{appearance.person} as {appearance.role}",
                edition_url=f"{appearance.conference.get_absolute_url()}#leader-{appearance.pk}",
                passages=[appearance.excerpt],
            )
        )
    for quote in Quote.objects.filter(source=report).select_related(
        "person", "conference"
    ):
        facts.append(
            CitedFact(
                anchor=f"quote-{quote.pk}",
                kind=quote.get_kind_display(),
                label=f"{quote.person}: “{quote.text}”",
                edition_url=quote.get_absolute_url(),
                passages=[quote.text, quote.excerpt],
            )
        )
    for link in ConferenceTopic.objects.filter(source=report).select_related(
        "topic", "conference"
    ):
        facts.append(
            CitedFact(
                anchor=f"topic-{link.pk}",
                kind="Topic",
                label=f"{link.topic} discussed",
                edition_url=f"{link.conference.get_absolute_url()}#topic-{link.topic.slug}",
                passages=[link.excerpt],
            )
        )
    for figure in KeyFigure.objects.filter(source=report).select_related("conference"):
        facts.append(
            CitedFact(
                anchor=f"figure-{figure.pk}",
                kind="Key figure",
                label=figure.label,
                edition_url=f"{figure.conference.get_absolute_url()}#figure-{figure.pk}",
                passages=[figure.excerpt],
            )
        )
    for table in RoundTable.objects.filter(source=report).select_related("conference"):
        facts.append(
            CitedFact(
                anchor=f"round-table-{table.pk}",
                kind="Round table",
                label=f"{table.region} round table",
                edition_url=f"{table.conference.get_absolute_url()}#round-table-{table.pk}",
                passages=[table.excerpt],
            )
        )
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


def highlighted_paragraphs(text: str, facts: list[CitedFact]) -> list[SafeString]:
    """Return the text's paragraphs as HTML: cited passages in <mark>, each with its notes.

    Each fact's first passage (a quote's own words, not its attribution) carries an empty
    anchor `cite-<fact>` to link to; a passage
    that crosses a paragraph break is marked in each paragraph it covers.
    """
    spans = [(start, end, fact) for fact in facts for start, end in fact.spans]
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
                        '<sup class="note-ref"><a href="#note-{0}" aria-label="Note {0}">{0}</a></sup>',
                        ((f.number,) for f in ending),
                    ),
                )
            )
        paragraphs.append(format_html_join("", "{}", ((part,) for part in parts)))
    return paragraphs
