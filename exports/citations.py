"""How to cite an edition, a source report or a quote: one Reference, every format.

`reference_for()` reads an item's citation fields once; BibTeX, RIS, CSL-JSON, the two
formatted styles, COinS and the Highwire meta tags all write that same Reference. The
formatter is our own (a few dozen lines): the styles need only web pages and quotes, and
citeproc-py with a CSL style file would add a dependency and a style file to vendor for
two strings.

The styles on a page are written in the page's language (the archive's name, an
edition's title, "n.d.", the dates), with the records' own words (a report's title, a
publisher, a speaker) marked with their language. The downloads are served at one
address for every language, in English.
"""

import datetime
import json
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, pgettext

from archive.process_caches import process_cache
from conferences.html import date_in_words, escaped, note_html
from conferences.models import Conference, SourceReport, ordinal
from speakers.models import Quote

ARCHIVE_NAME = "NCB Conference Archive"
# What a reference manager may download, by the suffix of its address.
FORMATS = {
    "bib": ("application/x-bibtex", "BibTeX"),
    "ris": ("application/x-research-info-systems", "RIS"),
    "json": ("application/vnd.citationstyles.csl+json", "CSL-JSON"),
}


@dataclass(frozen=True)
class Reference:
    """The citation fields of one item, as every format reads them."""

    key: str  # stable: the edition number, the report's slug, the quote's id
    kind: str  # "edition", "source" or "quote"
    title: str
    url: str  # the item's permanent address in the archive
    author: str = ""  # a person or an organisation, written as it is known
    publisher: str = ARCHIVE_NAME
    publisher_inferred: bool = False
    container: str = ""  # the work the item is part of
    date: datetime.date | None = None
    year: int | None = None
    month_known: bool = False
    date_inferred: bool = False
    place: str = ""
    last_changed: datetime.datetime | None = None
    note: str = ""
    # The language of the records' own words in the reference ("" if the archive's).
    title_language: str = ""
    author_language: str = ""
    publisher_language: str = ""

    @property
    def date_parts(self) -> list[int]:
        if self.date and self.month_known:
            return [self.date.year, self.date.month, self.date.day]
        return [self.year] if self.year else []

    @property
    def iso_date(self) -> str:
        """2025-02-11, or 2019 for a year alone, or "" for no date."""
        return "-".join(f"{part:02d}" for part in self.date_parts)

    def written_date(self, style: str = "j F Y") -> str:
        """The date for readers, in brackets if no report states it: “[2019]”.

        `style` formats a full date (APA: "Y, F j"; Chicago: "F j, Y").
        """
        if self.date and self.month_known:
            text = date_in_words(self.date, style)
        elif self.year:
            text = str(self.year)
        else:
            return pgettext("in a citation: no date", "n.d.")
        return f"[{text}]" if self.date_inferred else text

    @property
    def written_publisher(self) -> str:
        return f"[{self.publisher}]" if self.publisher_inferred else self.publisher


def edition_date(
    conference: Conference,
) -> tuple[datetime.date | None, int | None, bool]:
    """Return the edition's start date, year, and whether the one cited is inferred."""
    inferred = set(conference.inferred_fields)
    if conference.start_date:
        return conference.start_date, conference.year, "start_date" in inferred
    return None, conference.year, "year" in inferred


def edition_title(conference: Conference) -> str:
    return gettext("%(ordinal)s Heads of National Central Bureaus Conference") % {
        "ordinal": ordinal(conference.edition)
    }


def archive_name() -> str:
    return gettext(ARCHIVE_NAME)


def reference_for(item, *, base_url: str, last_changed=None) -> Reference:
    """Return the Reference of an edition, a source report or a quote.

    An edition needs its citations loaded (Conference.objects.for_listing()), so that an
    inferred date is cited as inferred; a quote needs its person, source and edition.
    """
    common = {"last_changed": last_changed}
    if isinstance(item, Conference):
        start, year, inferred = edition_date(item)
        return Reference(
            key=f"ncb-edition-{item.edition}",
            kind="edition",
            title=edition_title(item),
            url=base_url + item.get_absolute_url(),
            author=archive_name(),
            publisher=archive_name(),
            date=start,
            year=year,
            month_known=start is not None,
            date_inferred=inferred,
            place=", ".join(p for p in (item.city, item.country) if p),
            note=f"Archive record of the conference held by INTERPOL{' in ' + item.city if item.city else ''}.",
            **common,
        )
    if isinstance(item, SourceReport):
        edition = item.conference
        return Reference(
            key=f"ncb-source-{item.slug}",
            kind="source",
            title=item.local_title,
            title_language=item.language if item.own_title else "",
            url=base_url + item.get_absolute_url(),
            # A press office writes in its organisation's name: the publisher is the author.
            author=f"[{item.publisher}]"
            if item.publisher and item.publisher_inferred
            else item.publisher,
            author_language="en" if item.publisher else "",
            publisher=item.publisher or gettext("Unknown publisher"),
            publisher_language="en" if item.publisher else "",
            publisher_inferred=item.publisher_inferred,
            container=archive_name(),
            date=item.published_on,
            year=item.published_on.year if item.published_on else None,
            month_known=item.published_on is not None,
            date_inferred=item.published_on_inferred,
            note=f"Report on the {edition_title(edition)}, kept in the {ARCHIVE_NAME}."
            if edition
            else f"Report kept in the {ARCHIVE_NAME}.",
            **common,
        )
    if isinstance(item, Quote):
        start, year, inferred = edition_date(item.conference)
        words = item.text if len(item.text) <= 80 else item.text[:77].rstrip() + "…"
        title = f"“{words}”" if item.kind == Quote.Kind.DIRECT else words
        return Reference(
            key=f"ncb-quote-{item.pk}",
            kind="quote",
            title=title,
            title_language=item.source.language,
            url=base_url + item.get_absolute_url(),
            author=item.person.name,
            author_language="en",
            publisher=archive_name(),
            container=edition_title(item.conference),
            date=start,
            year=year,
            month_known=start is not None,
            date_inferred=inferred,
            place=item.conference.city,
            note=f"{item.get_kind_display()}, as reported by {item.source.publisher or 'an unknown publisher'} ({item.source.title}).",
            **common,
        )
    raise TypeError(f"Cannot cite {type(item).__name__}.")


def citation_address(item) -> str:
    """Return where the item's citations download, without the suffix (.bib, .ris, .json)."""
    from django.urls import reverse

    if isinstance(item, Conference):
        name, key = "exports:edition-cite", item.edition
    elif isinstance(item, SourceReport):
        name, key = "exports:source-cite", item.slug
    else:
        name, key = "exports:quote-cite", item.pk
    return reverse(name, kwargs={"key": key, "fmt": "bib"}).removesuffix(".bib")


# Downloads ---------------------------------------------------------------------------


def bibtex_escape(text: str) -> str:
    """Escape BibTeX's special characters; UTF-8 stays as it is (biber reads it)."""
    for char in "\\{}":
        text = text.replace(
            char, {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}"}[char]
        )
    for char in "&%$#_":
        text = text.replace(char, "\\" + char)
    return text


def to_bibtex(ref: Reference) -> str:
    """Return the reference as one BibTeX @misc entry (biblatex reads urldate and note)."""
    fields = {
        # Braces around the whole name: an organisation, or a name not to be split.
        "author": "{" + bibtex_escape(ref.author) + "}" if ref.author else "",
        "title": "{" + bibtex_escape(ref.title) + "}",
        "howpublished": bibtex_escape(ref.container),
        "publisher": bibtex_escape(ref.written_publisher),
        "year": (f"[{ref.year}]" if ref.date_inferred else str(ref.year))
        if ref.year
        else "",
        # biblatex prefers `date` to `year`: give it only a date a report states.
        "date": "" if ref.date_inferred else ref.iso_date,
        "url": ref.url,
        "note": bibtex_escape(note_text(ref)),
    }
    lines = [f"@misc{{{ref.key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    lines.append("}")
    return "\n".join(lines) + "\n"


def note_text(ref: Reference) -> str:
    parts = [ref.note]
    if ref.date_inferred:
        parts.append("The date is inferred: no report states it.")
    if ref.last_changed:
        parts.append(f"Archive last changed {ref.last_changed.date().isoformat()}.")
    return " ".join(p for p in parts if p)


def to_ris(ref: Reference) -> str:
    """Return the reference as one RIS record (ELEC: a web page; CTEXT for a report)."""
    kind = {"edition": "ELEC", "source": "NEWS", "quote": "ELEC"}[ref.kind]
    tags = [("TY", kind), ("ID", ref.key)]
    if ref.author:
        tags.append(("AU", ref.author))
    tags.append(("TI", ref.title))
    if ref.container:
        tags.append(("T2", ref.container))
    if ref.year:
        tags.append(("PY", str(ref.year)))
        if ref.month_known:
            tags.append(("DA", ref.date.strftime("%Y/%m/%d")))
    tags.append(("PB", ref.written_publisher))
    if ref.place:
        tags.append(("CY", ref.place))
    tags.append(("UR", ref.url))
    tags.append(("N1", note_text(ref)))
    tags.append(("ER", ""))
    return "\r\n".join(f"{tag}  - {value}".rstrip() for tag, value in tags) + "\r\n"


def to_csl(ref: Reference) -> dict:
    """Return the reference as a CSL-JSON item."""
    item = {
        "id": ref.key,
        "type": {
            "edition": "webpage",
            "source": "article-newspaper",
            "quote": "speech",
        }[ref.kind],
        "title": ref.title,
        "URL": ref.url,
        "publisher": ref.written_publisher,
        "note": note_text(ref),
    }
    if ref.author:
        item["author"] = [{"literal": ref.author}]
    if ref.container:
        item["container-title"] = ref.container
    if ref.date_parts:
        item["issued"] = {"date-parts": [ref.date_parts]}
        if ref.date_inferred:
            item["issued"]["circa"] = True
    if ref.place:
        item["event-place"] = ref.place
    if ref.last_changed:
        item["version"] = f"archive of {ref.last_changed.date().isoformat()}"
    return item


def to_csl_json(ref: Reference) -> str:
    return json.dumps([to_csl(ref)], ensure_ascii=False, indent=2) + "\n"


WRITERS = {"bib": to_bibtex, "ris": to_ris, "json": to_csl_json}


# On the page -------------------------------------------------------------------------


# The styles are written with escaped() and f-strings, not format_html(), whose check
# of every value for lazy text cost a tenth of a millisecond an edition's page, nor
# str.format(), which parses its template at every call (see conferences/rendering.py).


@dataclass(frozen=True)
class CiteWords:
    """The words and date formats of the styles and the citation box, translated once
    a language (`language` keys the cache), not at every page: a box asked gettext
    eight times, a third of its time."""

    apa_date: str
    chicago_date: str
    last_modified: str
    chicago_title: str
    last_changed: str
    date_inferred: str  # escaped
    permanent_address: str  # escaped
    download: str  # escaped


@process_cache
@lru_cache(maxsize=16)
def cite_words(language: str) -> CiteWords:
    return CiteWords(
        apa_date=pgettext("date format of an APA citation", "Y, F j"),
        chicago_date=pgettext("date format of a Chicago citation", "F j, Y"),
        last_modified=gettext("Last modified %(date)s."),
        chicago_title=pgettext("a title in a Chicago citation", "“{}.”"),
        last_changed=gettext(
            'The archive last changed on <time datetime="%(iso)s">%(date)s</time>.'
        ),
        date_inferred=escaped(
            gettext("The date in brackets is inferred: no report states it.")
        ),
        permanent_address=escaped(gettext("Permanent address:")),
        download=escaped(gettext("Download:")),
    )


def in_language(text: str, language: str) -> SafeString:
    """Return the text, marked with its language if it is the records' own words."""
    if language:
        return mark_safe(f'<span lang="{escaped(language)}">{escaped(text)}</span>')  # noqa: S308
    return mark_safe(escaped(text))  # noqa: S308 - escaped


def apa(ref: Reference) -> SafeString:
    """APA-like: Author. (Date). *Title*. Container. Publisher. URL"""
    if ref.author:
        author = in_language(ref.author, ref.author_language)
    else:
        author = in_language(ref.written_publisher, ref.publisher_language)
    container = f" {escaped(ref.container)}." if ref.container else ""
    publisher = (
        f" {in_language(ref.written_publisher, ref.publisher_language)}."
        if ref.written_publisher != (ref.author or ref.written_publisher)
        else ""
    )
    title_language = (
        f' lang="{escaped(ref.title_language)}"' if ref.title_language else ""
    )
    date = escaped(ref.written_date(cite_words(get_language()).apa_date))
    return mark_safe(  # noqa: S308 - every value escaped
        f"{author}. ({date}). <i{title_language}>{escaped(ref.title)}</i>."
        f"{container}{publisher} {escaped(ref.url)}"
    )


def chicago(ref: Reference) -> SafeString:
    """Chicago-like (notes and bibliography, web page): Author. “Title.” Container,
    Date. Last modified …. URL."""
    words = cite_words(get_language())
    date_style = words.chicago_date
    author = f"{in_language(ref.author, ref.author_language)}. " if ref.author else ""
    container = f" <i>{escaped(ref.container)}</i>," if ref.container else ""
    modified = (
        " "
        + escaped(
            words.last_modified
            % {"date": date_in_words(ref.last_changed.date(), date_style)}
        )
        if ref.last_changed
        else ""
    )
    publisher = (
        f" {in_language(ref.written_publisher, ref.publisher_language)}."
        if ref.written_publisher != ref.author
        else ""
    )
    # The title's quotation marks are the translation's markup, not data.
    title = words.chicago_title.format(
        in_language(ref.title.strip("“”"), ref.title_language)
    )
    date = escaped(ref.written_date(date_style))
    return mark_safe(  # noqa: S308 - every value escaped
        f"{author}{title}{container} {date}.{publisher}{modified} {escaped(ref.url)}."
    )


def coins(ref: Reference) -> str:
    """Return the COinS (OpenURL ContextObject in a span) title for the reference."""
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
        ("rfr_id", "info:sid/ncb-conference-archive"),
        (
            "rft.type",
            {"edition": "webpage", "source": "article", "quote": "speech"}[ref.kind],
        ),
        ("rft.title", ref.title),
    ]
    if ref.author:
        pairs.append(("rft.creator", ref.author))
    if ref.iso_date:
        pairs.append(("rft.date", ref.iso_date))
    pairs += [("rft.publisher", ref.written_publisher), ("rft.identifier", ref.url)]
    if ref.container:
        pairs.append(("rft.source", ref.container))
    return urlencode(pairs)


def highwire(ref: Reference) -> list[tuple[str, str]]:
    """Return the Highwire Press meta tags Zotero and Google Scholar read."""
    tags = [("citation_title", ref.title)]
    if ref.author:
        tags.append(("citation_author", ref.author))
    if ref.date_parts:
        tags.append(("citation_date", "/".join(f"{p:02d}" for p in ref.date_parts)))
    tags.append(("citation_publisher", ref.written_publisher))
    tags.append(("citation_public_url", ref.url))
    return tags


# How to cite a page's item (its two styles, permanent address, downloads and COinS), and
# its Highwire tags and download links in the head: written here, not by included
# templates, which cost an edition page a third of a millisecond. Every value from the
# data is escaped; apa() and chicago() escape their own.
def cite_box_html(
    *,
    title,
    apa,
    chicago,
    permanent_address,
    url,
    last_changed,
    date_inferred,
    download,
    cite_url,
    coins,
) -> str:
    return f"""<section class="panel cite" aria-labelledby="cite-title">
  <h2 id="cite-title">{title}</h2>
  <dl class="cite__styles">
    <dt translate="no">APA</dt><dd class="cite-text" id="cite-apa">{apa}</dd>
    <dt translate="no">Chicago</dt><dd class="cite-text" id="cite-chicago">{chicago}</dd>
  </dl>
  <p class="cite__url">{permanent_address} <a href="{url}">{url}</a></p>
  {last_changed}
  {date_inferred}
  <p class="cite__downloads">{download} <a href="{cite_url}.bib" download>BibTeX</a> · <a href="{cite_url}.ris" download>RIS</a> · <a href="{cite_url}.json" download>CSL-JSON</a></p>
  <span class="Z3988" title="{coins}" translate="no"></span>
</section>"""  # noqa: E501 - the box's HTML as it stands in the page


def download_links_html(cite_url: str) -> str:
    return f"""
<link rel="alternate" type="application/x-bibtex" href="{cite_url}.bib" title="BibTeX">
<link rel="alternate" type="application/x-research-info-systems" href="{cite_url}.ris" title="RIS">
<link rel="alternate" type="application/vnd.citationstyles.csl+json" href="{cite_url}.json" title="CSL-JSON">"""  # noqa: E501


def cite_box(ref: Reference, cite_url: str, title: str) -> SafeString:
    """Return the box that tells how to cite the page's item (`cite_url`: its downloads'
    address without the suffix; `title`: the box's heading, translated)."""
    words = cite_words(get_language())
    last_changed = ""
    if ref.last_changed:
        changed = template_localtime(ref.last_changed)
        note = words.last_changed % {
            "iso": escaped(date_in_words(changed, "c")),
            "date": escaped(date_in_words(changed)),
        }
        last_changed = note_html(note)
    date_inferred = ""
    if ref.date_inferred:
        date_inferred = note_html(words.date_inferred)
    return mark_safe(  # noqa: S308 - every value escaped
        cite_box_html(
            title=escaped(title),
            apa=apa(ref),
            chicago=chicago(ref),
            permanent_address=words.permanent_address,
            url=escaped(ref.url),
            last_changed=last_changed,
            date_inferred=date_inferred,
            download=words.download,
            cite_url=escaped(cite_url),
            coins=escaped(coins(ref)),
        )
    )


def cite_meta(ref: Reference, cite_url: str) -> SafeString:
    """Return the head's Highwire Press tags (Zotero, Google Scholar) and the links to
    the citation downloads."""
    tags = "".join(
        f'\n<meta name="{escaped(name)}" content="{escaped(content)}">'
        for name, content in highwire(ref)
    )
    return mark_safe(tags + download_links_html(escaped(cite_url)))  # noqa: S308
