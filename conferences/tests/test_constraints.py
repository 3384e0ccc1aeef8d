"""The database and model validation refuse rows that would make the archive wrong."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conferences.models import Citation, Conference, KeyFigure, SourceReport
from speakers.models import Person, Quote

pytestmark = pytest.mark.django_db


def refused(**fields):
    """Tell whether the database refuses a conference with these fields."""
    try:
        with transaction.atomic():
            Conference.objects.create(**fields)
    except IntegrityError:
        return True
    return False


def test_edition_numbers_are_unique(archive):
    assert refused(edition=20)


def test_end_date_not_before_start_date(archive):
    assert refused(
        edition=99,
        start_date=datetime.date(2030, 3, 2),
        end_date=datetime.date(2030, 3, 1),
    )
    assert not refused(
        edition=98,
        start_date=datetime.date(2030, 3, 1),
        end_date=datetime.date(2030, 3, 1),
    )


def test_counts_are_not_negative(archive):
    assert refused(edition=99, delegates=-1)
    assert refused(edition=99, countries=-3)


def test_countries_represented_within_membership(archive):
    assert refused(edition=99, countries=197, member_countries=196, delegates=300)
    assert not refused(edition=99, countries=196, member_countries=196, delegates=300)


def test_a_country_represented_sends_a_delegate(archive):
    assert refused(edition=99, countries=150, delegates=149)


def test_edition_number_starts_at_one(archive):
    assert refused(edition=0)


def test_dates_must_fall_in_the_editions_year(archive):
    conference = Conference(edition=99, year=2030, start_date=datetime.date(2031, 1, 1))
    with pytest.raises(ValidationError) as error:
        conference.full_clean()
    assert "start_date" in error.value.message_dict


def test_stated_citation_needs_an_excerpt(archive):
    conference = Conference.objects.get(edition=20)
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(
            conference=conference,
            field="venue",
            source=conference.sources.get(),
            excerpt="",
        )


def test_inferred_citation_needs_reasoning(archive):
    conference = Conference.objects.get(edition=20)
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(
            conference=conference,
            field="venue",
            source=conference.sources.get(),
            inferred=True,
        )


def test_excerpt_not_in_the_report_is_refused(archive):
    conference = Conference.objects.get(edition=20)
    figure = KeyFigure(
        conference=conference,
        source=conference.sources.get(),
        label="Delegates",
        value=310,
        unit="delegates",
        excerpt="Bringing together exactly 999 delegates",
    )
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert error.value.message_dict["excerpt"] == [
        "This excerpt is not in the text of the report "
        "“INTERPOL news release on the 20th Heads of NCB conference”."
    ]


def test_negative_key_figure_is_refused(archive):
    conference = Conference.objects.get(edition=19)
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyFigure.objects.create(
            conference=conference,
            source=conference.sources.get(),
            label="x",
            value=-5,
            unit="messages",
            excerpt="18 million",
        )


def test_quote_speaker_must_have_appeared_at_the_edition(archive):
    """Meng Hongwei spoke at the 14th edition, not the 20th: a quote there is refused."""
    conference = Conference.objects.get(edition=20)
    source = SourceReport.objects.get(conference=conference)
    quote = Quote(
        conference=conference,
        person=Person.objects.get(slug="meng-hongwei"),
        source=source,
        text="together, we are stronger.",
        excerpt="INTERPOL President Ahmed Naser Al-Raisi said:",
    )
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert error.value.message_dict["person"] == [
        "Meng Hongwei is not recorded as appearing at the 20th Heads of NCB Conference (2025): "
        "add their appearance first."
    ]


def test_quote_words_must_be_in_the_report(archive):
    conference = Conference.objects.get(edition=20)
    quote = Quote(
        conference=conference,
        person=Person.objects.get(slug="valdecy-urquiza"),
        source=conference.sources.get(),
        text="Words nobody said.",
        excerpt="INTERPOL Secretary General Valdecy Urquiza said:",
    )
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "text" in error.value.message_dict


def test_deleting_an_edition_with_quotes_is_refused(archive):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Conference.objects.get(edition=15).delete()
    # 6: Stock's caption phrase is folded into the body quote it is part of.
    assert Quote.objects.filter(conference__edition=15).count() == 6
