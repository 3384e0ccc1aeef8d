"""An edition page's sourced items written in Python, not in template nodes.

An edition's page repeats the same few pieces of markup for some fifty sourced items
(facts with their citations, leaders, delegations, quotes, topics, key figures, round
tables), each with its provenance box and permanent link. Drawn by the template engine,
each item costs hundreds of node renders and variable lookups, and each included template
translates its words again: together two thirds of a page's time on a cache miss. Here
each kind of item is one f-string, a function of its values (str.format() would parse
its template again at each of the page's 140 items and pieces, four times the
f-string's work); its words are translated once a language
(`item_words`), the addresses reversed once a language and URL configuration
(`item_address`, conferences.addresses), and every value from the data is escaped
(`escaped`) before it goes in. The markup is the one the templates drew, whitespace
aside: conference_detail.html's loops, the former includes/_citations.html, and
includes/_permalink.html, includes/_quote.html and exports/_quote_cite.html, which the
person page still draws its quotes with.

The page's other repeated or data-heavy pieces are written here too: the sidebar's
reports and records, the facts line under the title (the home page's,
conferences.timeline) and the badges after it, the table of contents
(`EditionItems.contents`), and the pager the gap page shares (`pager`). Includes that
differ from page to page by one value (the breadcrumbs' ordinal, the data links' API
address) are rendered once a language with a slot for it (`filled_in`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django.template.loader import get_template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from archive.process_caches import process_cache
from archive.templatetags.languages import rendering_context

from .addresses import address_of, key_path, page_address
from .html import escaped, note_html
from .models import Citation, SourceReport, Topic, ordinal
from .templatetags.portal import basis_badge, figure, inferred_badge, office_title
from .timeline import TimelineWords, edition_facts_line, in_words


@dataclass(frozen=True)
class ItemWords:
    """The interface words of a page's items, translated and escaped once a language
    (as {% translate %} escapes them), not once an item."""

    source: str
    why_inferred: str
    reasoning: str
    report_says: str
    reported_speech: str
    in_the_report: str
    cite: str
    only_year_inferred: str
    evidence_in_record: str
    evidence_in_report: str
    public_record: str
    records_rest_on: str
    # {% blocktranslate %}'s message, left unescaped as it leaves it; the label goes in
    # escaped (permalink()).
    permanent_link: str
    this_quote: str
    inferred_badge: str
    inferred_year_badge: str
    # What the archive holds of the edition, after its title (portal's basis_badge).
    report_badge: str
    records_badge: str
    # Each kind of topic's name by its value (get_kind_display() would hash every
    # choice's lazy label again for each topic); each kind of report's likewise.
    topic_kinds: dict[str, str]
    text_kinds: dict[str, str]
    # Each fact's label by its field (Citation.Field's lazy labels, translated once).
    field_labels: dict[str, str]
    press_report: str
    no_report: str
    # The words of the facts line under the title, the home page's (timeline.py).
    timeline: TimelineWords
    previous_edition: str
    next_edition: str
    # The page's sections' headings by their anchors, for its table of contents.
    section_titles: dict[str, str]


# The page's sections by their headings' anchors, in the page's order: the words
# conference_detail.html heads them with. The agenda's topics are headed one way or the
# other, as announced or as discussed.
SECTION_TITLES = {
    "summary-title": gettext_noop("Summary"),
    "facts-title": gettext_noop("Facts"),
    "leaders-title": gettext_noop("Leaders and speakers"),
    "delegations-title": gettext_noop("Delegations"),
    "quotes-title": gettext_noop("Quotes"),
    "topics-title": gettext_noop("Topics discussed"),
    "announced-topics-title": gettext_noop("Topics on the agenda"),
    "examples-title": gettext_noop("Operations mentioned"),
    "figures-title": gettext_noop("Key figures"),
    "round-tables-title": gettext_noop("Regional round tables"),
}


@process_cache
@lru_cache(maxsize=16)
def item_words(language: str) -> ItemWords:
    """Return the items' words in the active language (`language` keys the cache)."""
    return ItemWords(
        source=escape(gettext("Source")),
        why_inferred=escape(gettext("Why inferred")),
        reasoning=escape(gettext("Reasoning:")),
        report_says=escape(gettext("The report says:")),
        reported_speech=escape(gettext("Reported speech")),
        in_the_report=escape(gettext("In the report")),
        cite=escape(gettext("Cite:")),
        only_year_inferred=escape(
            gettext("Only the year is inferred; the day and month are stated.")
        ),
        evidence_in_record=escape(gettext("Evidence in the record:")),
        evidence_in_report=escape(gettext("Evidence in the report:")),
        public_record=escape(gettext("public record:")),
        records_rest_on=escape(gettext("Public records the reasoning rests on:")),
        permanent_link=gettext("Permanent link to %(label)s"),
        this_quote=escape(gettext("this quote")),
        inferred_badge=inferred_badge(),
        inferred_year_badge=inferred_badge("year"),
        report_badge=basis_badge("report"),
        records_badge=basis_badge("records"),
        topic_kinds={value: escape(str(label)) for value, label in Topic.Kind.choices},
        text_kinds={
            value: escape(str(label)) for value, label in SourceReport.TextKind.choices
        },
        field_labels={
            value: escape(str(label)) for value, label in Citation.Field.choices
        },
        press_report=escape(gettext("Press report")),
        no_report=escape(gettext("No report is recorded.")),
        timeline=TimelineWords.in_active_language(),
        previous_edition=escape(gettext("Previous edition")),
        next_edition=escape(gettext("Next edition")),
        section_titles={
            anchor: escape(gettext(title)) for anchor, title in SECTION_TITLES.items()
        },
    )


def item_address(viewname: str, fmt: str = "") -> Callable[[object], str]:
    """Return page_address(viewname), or with `fmt` the address of an item's citation
    download in that format: reversed once per language and URL configuration in each
    process (conferences.addresses.key_path()), where a page's eleven reverse() calls
    cost a fifth of a millisecond."""
    if fmt:
        return address_of(key_path(viewname, lookup="key", fixed=(("fmt", fmt),)))
    return page_address(viewname)


# Where a page's one value goes in an include rendered without it (filled_in()).
SLOT = "\x00slot\x00"
# Includes rendered with a slot for a page's value, split at it, by template, language
# and URL configuration.
_slotted: dict[tuple, list[str]] = process_cache({})


def filled_in(name: str, slot: str, value, constants=dict) -> SafeString:
    """Return the template `name` with `value` (escaped) as its variable `slot`, and
    the other variables `constants()` returns (the same for every page: translated
    words, reversed addresses). The template is rendered once per language and URL
    configuration with a slot in the value's place, not once a page: an include's
    {% translate %} and {% url %} cost more than the value's own markup.

    `constants` keys the rendering with the template: a module's function, not a lambda
    made at each call (each would render the template again, and be kept)."""
    key = (name, slot, constants, *rendering_context())
    parts = _slotted.get(key)
    if parts is None:
        context = {**constants(), slot: mark_safe(SLOT)}  # noqa: S308 - a constant
        parts = _slotted[key] = get_template(name).render(context).split(SLOT)
    return mark_safe(escaped(value).join(parts))  # noqa: S308 - the value escaped


def editions_breadcrumbs() -> dict:
    return {
        "parent_url": reverse("conferences:edition-list"),
        "parent_label": gettext("Editions"),
    }


def edition_breadcrumbs(edition: int) -> SafeString:
    """Return an edition's breadcrumbs (Home › Editions › 20th) for its page and the gap
    page: includes/_breadcrumbs.html, which the other pages include, with the edition's
    ordinal filled in."""
    return filled_in(
        "includes/_breadcrumbs.html", "current", ordinal(edition), editions_breadcrumbs
    )


def permalink(words: ItemWords, href: str, label: str) -> str:
    """Return an item's permanent link (includes/_permalink.html); href and label are
    HTML."""
    title = words.permanent_link % {"label": label}
    return (
        f'\n<a class="permalink" href="{href}" data-permalink title="{title}">'
        f'<span aria-hidden="true">¶</span><span class="visually-hidden">{title}</span></a>\n'
    )


def provenance_html(
    *, inferred_class, summary, reasoning, lang, excerpt, url, kind, pk, title
) -> str:
    """A sourced item's excerpt and report, on demand: an inferred one (a leader) with
    its reasoning."""
    return f"""
<details class="provenance{inferred_class}">
  <summary>{summary}</summary>
  <div class="provenance__body">
    {reasoning}
    <blockquote class="excerpt" lang="{lang}">“{excerpt}”</blockquote>
    <p class="provenance__source">— <a href="{url}#cite-{kind}-{pk}">{title}</a></p>
  </div>
</details>
"""


def reasoning_html(label: str, text: str) -> str:
    return f'<p class="reasoning"><strong>{label}</strong> <span lang="en">{text}</span></p>'


def citations_html(*, inferred_class, summary, citations) -> str:
    """One field's citations: excerpts, or an inference with its reasoning and
    records."""
    return f"""
<details class="provenance{inferred_class}">
  <summary>{summary}</summary>
  <div class="provenance__body">
    {citations}
  </div>
</details>
"""


def citation_html(*, inference, excerpt, url, pk, title, record_note, evidence) -> str:
    return f"""
      <div class="citation">
        {inference}
        {excerpt}
        <p class="provenance__source">— <a href="{url}#cite-citation-{pk}">{title}</a>{record_note}</p>
        {evidence}
      </div>
"""


def inference_html(*, reasoning, year_only, evidence_label) -> str:
    return f"""
          {reasoning}
          {year_only}
          {evidence_label}
"""


def excerpt_html(lang: str, excerpt: str) -> str:
    return f'<blockquote class="excerpt" lang="{lang}">“{excerpt}”</blockquote>'


def record_note_html(*, label, publisher, date) -> str:
    return (
        f' <span class="note">({label} <span lang="en">{publisher}</span>{date})</span>'
    )


def label_html(label: str) -> str:
    return f'<p class="provenance__label">{label}</p>'


def evidence_html(label: str, records: str) -> str:
    return f"""
        {label_html(label)}
        <ul class="evidence-list">{records}</ul>
"""


def evidence_record_html(*, url, title, publisher, date) -> str:
    return (
        f'<li><a href="{url}">{title}</a> <span class="note">'
        f'<span lang="en">{publisher}</span>{date}</span></li>'
    )


def fact_html(*, inferred_class, field, label, value, permanent_link, citations) -> str:
    return f"""
          <div class="fact{inferred_class}" id="fact-{field}">
            <dt>{label}</dt>
            <dd>
              {value}
              {permanent_link}
              {citations}
            </dd>
          </div>
"""


def leader_html(*, pk, url, name, badge, office, report_says, role, provenance) -> str:
    return f"""
          <li id="leader-{pk}">
            <a class="people-list__name" href="{url}" lang="en">{name}</a>{badge}
            <span class="people-list__role">{office}</span>
            <span class="note">{report_says} <q lang="en">{role}</q></span>
            {provenance}
          </li>
"""


def delegation_html(*, pk, country, description, provenance) -> str:
    return f"""
          <li id="delegation-{pk}"><span class="delegation__country" lang="en">{country}</span>{description}
            {provenance}
          </li>
"""


def topic_html(*, slug, url, name, kind, provenance) -> str:
    return f"""
          <li id="topic-{slug}">
            <a href="{url}" lang="en">{name}</a> <span class="note">{kind}</span>
            {provenance}
          </li>
"""


def key_figure_html(*, pk, value, label, period, provenance) -> str:
    return f"""
          <li class="figure" id="figure-{pk}">
            <span class="figure__value" lang="en">{value}</span>
            <span class="figure__label" lang="en">{label}{period}</span>
            {provenance}
          </li>
"""


def round_table_html(*, pk, region, provenance) -> str:
    return f"""
          <li id="round-table-{pk}"><span lang="en">{region}</span>
            {provenance}
          </li>
"""


# includes/_quote.html still draws the person page's quotes: a test holds the two to the
# same markup (test_a_quote_reads_the_same_on_its_edition_and_its_speakers_pages).
def quote_html(
    *,
    kind,
    pk,
    text,
    badge,
    person_url,
    person,
    source_url,
    in_the_report,
    permanent_link,
    cite,
    bib,
    ris,
    json,
) -> str:
    return f"""
<figure class="quote quote--{kind}" id="quote-{pk}">
  <blockquote class="quote__text" lang="en">{text}</blockquote>
  <figcaption class="quote__caption">
    {badge}
    <a href="{person_url}">{person}</a>
    <span class="quote__links"><a href="{source_url}#cite-quote-{pk}">{in_the_report}</a>
    {permanent_link}</span>
    <span class="quote__cite">{cite} <a href="{bib}" download>BibTeX</a> · <a href="{ris}" download>RIS</a> · <a href="{json}" download>CSL-JSON</a></span>
  </figcaption>
</figure>
"""


# The sidebar's lists: the edition's own reports, and the public records its facts cite.
def report_line_html(*, url, title, publisher, badge, kind) -> str:
    return (
        f'<li><a href="{url}">{title}</a><span class="note"><span lang="en">{publisher}'
        f"</span>{badge} · {kind}</span></li>"
    )


def record_line_html(*, url, title, publisher, date) -> str:
    return (
        f'<li><a href="{url}">{title}</a><span class="note"><span lang="en">{publisher}'
        f"</span>{date}</span></li>"
    )


# The table of contents' entries: a section's heading and how many items it lists.
def contents_line_html(*, anchor, title, count) -> str:
    return f'<li><a href="#{anchor}">{title}</a> <span class="note">{count}</span></li>'


class EditionItems:
    """The HTML of an edition page's lists of sourced items, each written once a page.

    Needs the edition as conferences.views prepares it: each fact's `source` (with its
    `page_url` and `title_html`), citations' `evidence_list`, people's and topics'
    `page_url` (attach_page_sources(), attach_page_urls()).
    """

    def __init__(self, conference, language: str):
        self.conference = conference
        self.words = item_words(language)
        self.page_url = escaped(
            item_address("conferences:edition-detail")(conference.edition)
        )
        self.dates: dict[int, str] = {}

    def published(self, source) -> str:
        """Return ", <date>" for a record with a publication date, once a source a page."""
        if source.pk not in self.dates:
            self.dates[source.pk] = (
                f", {in_words(date_format, source.published_on, self.words.timeline.language)}"
                if source.published_on
                else ""
            )
        return self.dates[source.pk]

    def provenance(self, item, kind: str, reasoning: str = "") -> str:
        """Return an item's provenance box (conference_detail.html's `provenance`)."""
        words, source = self.words, item.source
        return provenance_html(
            inferred_class=" provenance--inferred" if reasoning else "",
            summary=words.why_inferred if reasoning else words.source,
            reasoning=reasoning_html(words.reasoning, escaped(reasoning))
            if reasoning
            else "",
            lang=escaped(source.language or "en"),
            excerpt=escaped(item.excerpt),
            url=escaped(source.page_url),
            kind=kind,
            pk=item.pk,
            title=escaped(source.title_html),
        )

    def citation(self, citation) -> str:
        words, source = self.words, citation.source
        inference = ""
        if citation.inferred:
            evidence_label = ""
            if citation.excerpt:
                label = (
                    words.evidence_in_record
                    if source.is_record
                    else words.evidence_in_report
                )
                evidence_label = label_html(label)
            inference = inference_html(
                reasoning=reasoning_html(words.reasoning, escaped(citation.reasoning)),
                year_only=note_html(words.only_year_inferred)
                if citation.year_only
                else "",
                evidence_label=evidence_label,
            )
        evidence = ""
        if citation.evidence_list:
            evidence = evidence_html(
                words.records_rest_on,
                "".join(
                    evidence_record_html(
                        url=escaped(record.page_url),
                        title=escaped(record.title_html),
                        publisher=escaped(record.publisher),
                        date=self.published(record),
                    )
                    for record in citation.evidence_list
                ),
            )
        return citation_html(
            inference=inference,
            excerpt=excerpt_html(
                escaped(source.language or "en"), escaped(citation.excerpt)
            )
            if citation.excerpt
            else "",
            url=escaped(source.page_url),
            pk=citation.pk,
            title=escaped(source.title_html),
            record_note=record_note_html(
                label=words.public_record,
                publisher=escaped(source.publisher),
                date=self.published(source),
            )
            if source.is_record
            else "",
            evidence=evidence,
        )

    def fact(self, fact) -> str:
        """Return one field of the edition (conferences.views.Fact) with its citations."""
        words = self.words
        if fact.year_only:
            value = (
                f'<span class="fact__value">{escaped(fact.value_without_year)} '
                '<span class="inferred-part" data-inferred="year">'
                f"{escaped(fact.year_text)} {words.inferred_year_badge}</span></span>"
            )
        else:
            lang = ' lang="en"' if fact.in_english else ""
            badge = words.inferred_badge if fact.inferred else ""
            value = (
                f'<span class="fact__value"{lang}>{escaped(fact.value)}</span>\n{badge}'
            )
        citations = ""
        if fact.citations:
            citations = citations_html(
                inferred_class=" provenance--inferred" if fact.inferred else "",
                summary=words.why_inferred if fact.inferred else words.source,
                citations="".join(self.citation(c) for c in fact.citations),
            )
        label = words.field_labels.get(fact.field) or escaped(fact.label)
        return fact_html(
            inferred_class=" fact--inferred" if fact.inferred else "",
            field=escaped(fact.field),
            label=label,
            value=value,
            permanent_link=permalink(words, f"#fact-{escaped(fact.field)}", label),
            citations=citations,
        )

    def leader(self, appearance) -> str:
        person = appearance.person
        return leader_html(
            pk=appearance.pk,
            url=escaped(person.page_url),
            name=escaped(person.name),
            badge=f" {self.words.inferred_badge}" if appearance.inferred else "",
            office=escaped(office_title(appearance.office)),
            report_says=self.words.report_says,
            role=escaped(appearance.role),
            provenance=self.provenance(
                appearance, "appearance", reasoning=appearance.reasoning
            ),
        )

    def delegation(self, delegation) -> str:
        return delegation_html(
            pk=delegation.pk,
            country=escaped(delegation.country),
            description=(
                ': <span class="delegation__description" lang="en">'
                f"{escaped(delegation.description)}</span>"
            )
            if delegation.description
            else "",
            provenance=self.provenance(delegation, "delegation"),
        )

    def topic(self, link) -> str:
        topic = link.topic
        return topic_html(
            slug=escaped(topic.slug),
            url=escaped(topic.page_url),
            name=escaped(topic.name),
            kind=self.words.topic_kinds.get(topic.kind) or escaped(topic.kind),
            provenance=self.provenance(link, "topic"),
        )

    def key_figure(self, key_figure) -> str:
        return key_figure_html(
            pk=key_figure.pk,
            value=escaped(figure(key_figure)),
            label=escaped(key_figure.label),
            period=f" ({escaped(key_figure.period)})" if key_figure.period else "",
            provenance=self.provenance(key_figure, "figure"),
        )

    def round_table(self, table) -> str:
        return round_table_html(
            pk=table.pk,
            region=escaped(table.region),
            provenance=self.provenance(table, "round-table"),
        )

    def quote(self, quote, cite_addresses) -> str:
        """Return a quote with its speaker (includes/_quote.html with show_speaker)."""
        words = self.words
        direct = quote.kind == "direct"
        text = escaped(quote.text)
        bib, ris, json = (escaped(address(quote.pk)) for address in cite_addresses)
        return quote_html(
            kind=escaped(quote.kind),
            pk=quote.pk,
            text=f"“{text}”" if direct else text,
            badge=""
            if direct
            else f'<span class="badge">{words.reported_speech}</span>',
            person_url=escaped(quote.person.page_url),
            person=escaped(quote.person.name),
            source_url=escaped(quote.source.page_url),
            in_the_report=words.in_the_report,
            permanent_link=permalink(
                words, f"{self.page_url}#quote-{quote.pk}", words.this_quote
            ),
            cite=words.cite,
            bib=bib,
            ris=ris,
            json=json,
        )

    def quotes(self, quotes) -> SafeString:
        cite_addresses = [
            item_address("exports:quote-cite", fmt) for fmt in ("bib", "ris", "json")
        ]
        return joined(self.quote(quote, cite_addresses) for quote in quotes)

    def report(self, source) -> str:
        """Return one of the edition's own reports, for the sidebar's Sources."""
        words = self.words
        return report_line_html(
            url=escaped(source.page_url),
            title=escaped(source.title_html),
            publisher=escaped(source.publisher),
            badge=f" {words.inferred_badge}" if source.publisher_inferred else "",
            kind=self.text_kind(source.text_kind),
        )

    def text_kind(self, value: str) -> str:
        """Return a kind of report by its name (a report of no stated kind is a press
        report), as get_text_kind_display|default:_("Press report") wrote it."""
        if not value:
            return self.words.press_report
        return self.words.text_kinds.get(value) or escaped(value)

    def reports(self, sources) -> SafeString:
        if not sources:
            return mark_safe(f"<li>{self.words.no_report}</li>")  # noqa: S308
        return joined(self.report(source) for source in sources)

    def contents(
        self, *, summary: bool, sections, agenda_announced: bool
    ) -> SafeString:
        """Return the table of contents' entries (conference_detail.html's "On this
        page"): the summary's if there is one, then each section given as its heading's
        anchor and its items; a section of no items is left out, as the page leaves it
        out, but for the facts. The agenda's heading says whether it was announced."""
        titles = self.words.section_titles
        if agenda_announced:
            titles = {**titles, "topics-title": titles["announced-topics-title"]}
        lines = (
            [f'<li><a href="#summary-title">{titles["summary-title"]}</a></li>']
            if summary
            else []
        )
        for anchor, items in sections:
            if items or anchor == "facts-title":
                lines.append(
                    contents_line_html(
                        anchor=anchor, title=titles[anchor], count=len(items)
                    )
                )
        return joined(lines)

    def record(self, record) -> str:
        """Return a public record the edition's facts cite, for the sidebar."""
        return record_line_html(
            url=escaped(record.page_url),
            title=escaped(record.title_html),
            publisher=escaped(record.publisher),
            date=self.published(record),
        )


# The pager's links to the editions before and after (an edition's page, a gap's page).
def pager_link_html(*, rel, url, hint, ordinal, year) -> str:
    return (
        f'<a class="pager__{rel}" href="{url}" rel="{rel}"><span class="pager__hint">'
        f"{hint}</span> {ordinal}{year}</a>"
    )


# The first edition has none before it: an empty cell keeps the next one's link right.
NO_PREVIOUS = mark_safe("<span></span>")  # noqa: S308 - a constant


@dataclass(frozen=True)
class Pager:
    previous: SafeString
    next: SafeString


def pager(previous, following, language: str) -> Pager:
    """Return the links to the editions before and after (series.EditionSlot, or None
    at either end of the series) as HTML, each edition's address filled in."""
    words = item_words(language)
    edition_url = item_address("conferences:edition-detail")

    def link(slot, rel: str, hint: str) -> SafeString:
        return mark_safe(  # noqa: S308 - every value escaped
            pager_link_html(
                rel=rel,
                url=escaped(edition_url(slot.edition)),
                hint=hint,
                ordinal=escaped(slot.ordinal),
                year=f" ({escaped(slot.year)})" if slot.year else "",
            )
        )

    return Pager(
        previous=link(previous, "prev", words.previous_edition)
        if previous
        else NO_PREVIOUS,
        next=link(following, "next", words.next_edition) if following else SafeString(),
    )


def joined(items) -> SafeString:
    """Return items' HTML as one piece: each escaped every value it holds.

    SafeString(), not mark_safe(): the same for a str, without mark_safe()'s check for
    lazy text (timeline.edition_dates())."""
    return SafeString("".join(items))


def edition_items(
    conference,
    *,
    facts,
    agenda_topics,
    agenda_announced,
    example_topics,
    records,
    language,
):
    """Return the HTML of each list of an edition's page, by name, for its template."""
    items = EditionItems(conference, language)
    return {
        "facts": joined(items.fact(fact) for fact in facts),
        "leaders": joined(items.leader(a) for a in conference.leader_appearances),
        "delegations": joined(items.delegation(d) for d in conference.delegation_list),
        "quotes": items.quotes(conference.quote_list),
        "agenda_topics": joined(items.topic(link) for link in agenda_topics),
        "example_topics": joined(items.topic(link) for link in example_topics),
        "key_figures": joined(items.key_figure(f) for f in conference.key_figure_list),
        "round_tables": joined(
            items.round_table(t) for t in conference.round_table_list
        ),
        "reports": items.reports(conference.source_list),
        "records": joined(items.record(record) for record in records),
        # Its dates, place and counts under the title, as the home page writes its
        # latest edition's.
        "facts_line": edition_facts_line(
            conference, items.words.timeline, with_dates=True
        ),
        # After the title: "Inferred" if its number is, and what the archive holds.
        "title_badges": mark_safe(  # noqa: S308 - the badges' own markup
            (
                f" {items.words.inferred_badge}"
                if "edition" in conference.inferred_fields
                else ""
            )
            + " "
            + (
                items.words.report_badge
                if conference.has_report
                else items.words.records_badge
            )
        ),
        "contents": items.contents(
            summary=bool(conference.summary),
            sections=[
                ("facts-title", facts),
                ("leaders-title", conference.leader_appearances),
                ("delegations-title", conference.delegation_list),
                ("quotes-title", conference.quote_list),
                ("topics-title", agenda_topics),
                ("examples-title", example_topics),
                ("figures-title", conference.key_figure_list),
                ("round-tables-title", conference.round_table_list),
            ],
            agenda_announced=agenda_announced,
        ),
    }
