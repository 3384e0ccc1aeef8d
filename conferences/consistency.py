"""The archive's consistency report: every finding, with its severity and where to fix it.

`manage.py check_archive`, the admin's report page, the API's resource and
Conference.publish() all read `findings()`; a finding is an error (publishing refuses the
edition; the command exits non-zero), a warning (worth a look) or a note (explained).
"""

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from .models import Citation, Conference, Membership
from .support import supports, unsupported_message, value_text

ERROR, WARNING, NOTE = "error", "warning", "note"
SEVERITIES = [ERROR, WARNING, NOTE]

# Offices whose terms the archive keeps from public records (Tenure rows).
OFFICES_WITH_TERMS = {"president", "secretary_general"}


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str
    message: str
    edition: int | None = None
    admin_url: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _admin(model: str, pk) -> str:
    return reverse(f"admin:{model}_change", args=[pk])


def _edition_admin(conference) -> str:
    return _admin("conferences_conference", conference.pk)


def _conferences(queryset=None):
    from speakers.models import Appearance, Quote

    queryset = Conference.objects.all() if queryset is None else queryset
    return list(
        queryset.order_by("edition").prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source"),
                to_attr="citation_list",
            ),
            Prefetch("corrections", to_attr="correction_list"),
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("person", "office"),
                to_attr="appearance_list",
            ),
            Prefetch(
                "quotes",
                queryset=Quote.objects.select_related("person"),
                to_attr="quote_list",
            ),
        )
    )


def _edition_date(conference) -> tuple[datetime.date, datetime.date] | None:
    """The span an edition is known to fall in: its dates, or its whole year."""
    if conference.start_date:
        return conference.start_date, conference.end_date or conference.start_date
    if conference.year:
        return (
            datetime.date(conference.year, 1, 1),
            datetime.date(conference.year, 12, 31),
        )
    return None


def _when(conference, first: datetime.date, last: datetime.date) -> str:
    """Write the edition's date span in words: on a day, from one day to another, in a year."""
    if not conference.start_date:
        return gettext("in %(year)s") % {"year": first.year}
    if first == last:
        return gettext("on %(day)s") % {"day": date_format(first, "j F Y")}
    return gettext("from %(first)s to %(last)s") % {
        "first": date_format(first, "j F Y"),
        "last": date_format(last, "j F Y"),
    }


def _date_basis(conference) -> str:
    """Say whether the edition's date is stated by its sources or inferred, and which."""
    if conference.start_date:
        part = conference.inferred_part("start_date") or conference.inferred_part(
            "end_date"
        )
        if not part:
            return gettext("the edition's dates, as its sources state them")
        if part == "year":
            return gettext("the edition's dates; their year is inferred")
        return gettext("the edition's dates, inferred")
    if conference.inferred_part("year"):
        return gettext("the edition's year, inferred; no dates are recorded")
    return gettext("the edition's year; no dates are recorded")


def _periods_text(periods) -> str:
    """Say where each count of the membership history comes from."""
    return "; ".join(
        gettext("%(members)s from %(day)s (%(record)s)")
        % {
            "members": p.opened_by.members,
            "day": date_format(p.opened_by.effective_on, "j F Y"),
            "record": p.opened_by.source.slug,
        }
        for p in periods
    )


def _value_findings(conference) -> list[Finding]:
    found = []
    stated = defaultdict(list)
    inferred = defaultdict(list)
    for citation in conference.citation_list:
        (inferred if citation.inferred else stated)[citation.field].append(citation)
    corrected = {(c.field, c.new_value) for c in conference.correction_list}
    for name in Citation.Field.values:
        value = getattr(conference, name)
        if value in (None, ""):
            continue
        label = Citation.Field(name).label
        citations = stated.get(name, [])
        if not citations and not inferred.get(name):
            found.append(
                Finding(
                    WARNING,
                    "uncited-value",
                    f"{label} {value_text(value)} cites no source.",
                    conference.edition,
                    _edition_admin(conference),
                )
            )
            continue
        supporting = [c for c in citations if supports(name, value, c.excerpt)]
        if citations and not supporting:
            if (name, value_text(value)) in corrected:
                continue
            found.append(
                Finding(
                    ERROR,
                    "unsupported-value",
                    unsupported_message(label, value, [c.excerpt for c in citations]),
                    conference.edition,
                    _edition_admin(conference),
                )
            )
        elif supporting and len(supporting) < len(citations):
            others = [c for c in citations if c not in supporting]
            found.append(
                Finding(
                    NOTE,
                    "sources-disagree",
                    f"{label}: the report {others[0].source.slug} says "
                    f"“{others[0].excerpt}”; both reports are kept, and the archive "
                    f"follows {supporting[0].source.slug}, which states "
                    f"{value_text(value)}: “{supporting[0].excerpt}”.",
                    conference.edition,
                    _edition_admin(conference),
                )
            )
        for citation in inferred.get(name, []):
            if not _names_a_record(citation):
                found.append(
                    Finding(
                        WARNING,
                        "inferred-without-record",
                        f"{label} {value_text(value)} is inferred, but its reasoning "
                        "names no dated public record and it quotes no words of its report.",
                        conference.edition,
                        _admin("conferences_citation", citation.pk),
                    )
                )
    return found


def _names_a_record(citation) -> bool:
    """An inferred value rests on evidence: the report's words, linked records, or dated
    records its reasoning names."""
    if citation.excerpt.strip():
        return True
    records = getattr(citation, "records", None)
    if records is not None and hasattr(records, "exists") and records.exists():
        return True
    return any(str(year) in citation.reasoning for year in range(1923, 2101))


def _count_findings(conference, membership) -> list[Finding]:
    found = []
    url = _edition_admin(conference)
    delegates, countries = conference.delegates, conference.countries
    members = conference.member_countries
    if delegates is not None and countries is not None and countries > delegates:
        found.append(
            Finding(
                ERROR,
                "countries-above-delegates",
                f"{countries} countries are more than the {delegates} delegates.",
                conference.edition,
                url,
            )
        )
    if members is not None and countries is not None and countries > members:
        found.append(
            Finding(
                ERROR,
                "countries-above-membership",
                f"{countries} countries are more than INTERPOL's {members} members.",
                conference.edition,
                url,
            )
        )
    found += _membership_findings(conference, membership)
    return found


def _membership_findings(conference, membership) -> list[Finding]:
    """Check the edition's counts against INTERPOL's membership history at its date."""
    countries, members = conference.countries, conference.member_countries
    span = _edition_date(conference)
    if span is None or (countries is None and members is None):
        return []
    first, last = span
    url = _edition_admin(conference)
    words = {
        "when": _when(conference, first, last),
        "basis": _date_basis(conference),
    }
    periods = membership.between(first, last)
    if periods is None:
        return [
            Finding(
                NOTE,
                "membership-not-recorded",
                gettext(
                    "INTERPOL's membership %(when)s (%(basis)s) is not recorded in "
                    "the membership history: the edition's counts are not checked "
                    "against it."
                )
                % words,
                conference.edition,
                url,
            )
        ]
    counts = membership.counts_between(first, last)
    words["periods"] = _periods_text(periods)
    found = []
    if members is not None and members not in counts:
        found.append(
            Finding(
                ERROR,
                "members-disagree-with-history",
                gettext(
                    "%(members)s member countries, but INTERPOL's membership history "
                    "gives %(history)s %(when)s (%(basis)s): %(periods)s."
                )
                % {
                    **words,
                    "members": members,
                    "history": gettext(" or ").join(str(c) for c in counts),
                },
                conference.edition,
                url,
            )
        )
    already = members is not None and countries is not None and countries > members
    if countries is not None and countries > max(counts) and not already:
        found.append(
            Finding(
                ERROR,
                "countries-above-membership",
                gettext(
                    "%(countries)s countries are more than the %(history)s members "
                    "INTERPOL had %(when)s (%(basis)s): %(periods)s."
                )
                % {**words, "countries": countries, "history": max(counts)},
                conference.edition,
                url,
            )
        )
    return found


def _people_findings(conference, tenures) -> list[Finding]:
    found = []
    span = _edition_date(conference)
    appeared = {a.person_id for a in conference.appearance_list}
    for appearance in conference.appearance_list:
        office = appearance.office
        if span is None or office is None or office.kind not in OFFICES_WITH_TERMS:
            continue
        terms = tenures.get((appearance.person_id, office.pk), [])
        first, last = span
        if any(
            (t.started_on is None or t.started_on <= last)
            and (t.ended_on is None or t.ended_on >= first)
            for t in terms
        ):
            continue
        if terms:
            message = (
                f"{appearance.person} was not {office} at the edition's date "
                f"({first:%d %B %Y}): the terms on record are "
                + "; ".join(
                    (f"{t.started_on:%d %B %Y} – " if t.started_on else "? – ")
                    + (f"{t.ended_on:%d %B %Y}" if t.ended_on else "")
                    for t in terms
                )
                + "."
            )
        else:
            message = f"{appearance.person} appears as {office}, but no term of that office is on record."
        found.append(
            Finding(
                ERROR if terms else WARNING,
                "leader-not-in-office",
                message,
                conference.edition,
                _admin("speakers_appearance", appearance.pk),
            )
        )
    for quote in conference.quote_list:
        if quote.person_id not in appeared:
            found.append(
                Finding(
                    ERROR,
                    "speaker-did-not-appear",
                    f"A quote of {quote.person} is filed under this edition, where "
                    f"{quote.person} did not appear.",
                    conference.edition,
                    _admin("speakers_quote", quote.pk),
                )
            )
    return found


def _series_findings(conferences) -> list[Finding]:
    found = []
    dated = [c for c in conferences if _edition_date(c)]
    for before, after in zip(dated, dated[1:], strict=False):
        if _edition_date(before)[0] > _edition_date(after)[1]:
            found.append(
                Finding(
                    ERROR,
                    "editions-out-of-order",
                    f"The {before} is dated after the {after}.",
                    after.edition,
                    _edition_admin(after),
                )
            )
    numbers = [c.edition for c in conferences]
    if numbers:
        # The series starts at the 1st edition, whatever the archive holds of it.
        missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
        if missing:
            found.append(
                Finding(
                    NOTE,
                    "gap-in-series",
                    "No report or public record in the archive describes edition(s) "
                    + number_ranges(missing)
                    + ": the series has a gap until one is added.",
                )
            )
    return found


def number_ranges(numbers: list[int]) -> str:
    """Write sorted numbers as ranges: [1, 2, 3, 5] is "1–3, 5"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(
        str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs
    )


def findings(conferences=None) -> list[Finding]:
    """Return every finding on the archive (or on the given editions), errors first."""
    from speakers.models import Tenure

    editions = _conferences(conferences)
    membership = Membership.objects.history()
    tenures = defaultdict(list)
    for tenure in Tenure.objects.order_by(F("started_on").asc(nulls_first=True)):
        tenures[(tenure.person_id, tenure.office_id)].append(tenure)
    found = []
    for conference in editions:
        found += _value_findings(conference)
        found += _count_findings(conference, membership)
        found += _people_findings(conference, tenures)
    if conferences is None:
        found += _series_findings(editions)
    else:
        every = _conferences(Conference.objects.all())
        wanted = {c.edition for c in editions}
        found += [f for f in _series_findings(every) if f.edition in wanted]
    return sorted(
        found, key=lambda f: (SEVERITIES.index(f.severity), f.edition or 0, f.code)
    )


def errors_of(conference) -> list[Finding]:
    """Return the errors that keep an edition from being published."""
    return [
        f
        for f in findings(Conference.objects.filter(pk=conference.pk))
        if f.severity == ERROR
    ]
