"""A dated release's 'this week', 'last week', 'yesterday' bound the meeting's days."""

from pathlib import Path

from conferences.importing.rules import extract_report

CORPUS = Path(__file__).parent / "corpus"


def fields(name: str):
    return extract_report((CORPUS / name).read_text()).fields


def test_this_week_bounds_the_days_monday_to_sunday_and_invents_none():
    """Dated Wednesday 5 March 2042: the meeting's days lie between 3 and 9 March."""
    found = fields("12-interpol-release-this-week.txt")
    excerpt = (
        "LYON, France – Heads of National Central Bureaus from 175 countries are meeting "
        "in Lyon this week for the 34th Heads of NCB Conference, at INTERPOL’s General "
        "Secretariat headquarters."
    )
    assert found.start_date.to_json() == {
        "value": None,
        "excerpt": excerpt,
        "confidence": None,
        "inferred": False,
        "reasoning": "“meeting in Lyon this week” in a release dated “5 March 2042”: the "
        "meeting began between 3 and 9 March 2042 (Monday to Sunday); no single day.",
    }
    assert found.end_date.value is None
    assert "ended between 3 and 9 March 2042" in found.end_date.reasoning
    assert (found.year.value, found.year.inferred) == (2042, True)


def test_this_week_in_a_release_dated_on_a_sunday_is_the_week_ending_that_day():
    found = fields("16-ministry-this-week-sunday.txt")
    assert "began between 7 and 13 September 2043" in found.start_date.reasoning


def test_last_week_is_the_week_before_the_datelines():
    """Dated Friday 27 October 2045: last week ran from Monday 16 to Sunday 22 October."""
    found = fields("13-national-police-last-week.txt")
    assert found.start_date.value is None
    assert found.start_date.reasoning == (
        "“met in Santiago last week” in a release dated “27 October 2045”: the meeting "
        "began between 16 and 22 October 2045 (Monday to Sunday); no single day."
    )


def test_last_week_in_early_january_gives_the_year_before():
    """Dated Tuesday 2 January 2046: last week is 25 to 31 December 2045."""
    found = fields("15-local-press-last-week-new-year.txt")
    assert (found.start_date.value, found.end_date.value) == (None, None)
    assert found.year.value == 2045
    assert found.year.inferred
    assert "between 25 and 31 December 2045" in found.year.reasoning


def test_a_week_across_two_years_leaves_the_year_empty_and_says_why():
    """Dated Wednesday 7 January 2048: last week ran from 30 December 2047 to 5 January."""
    text = (
        "Bureau chiefs meet\n\n7 January 2048\n\n"
        "LYON, France – Heads of NCBs from 150 countries met in Lyon last week for the "
        "39th Heads of NCB Conference, with 250 delegates."
    )
    found = extract_report(text).fields
    assert (found.year.value, found.start_date.value, found.end_date.value) == (
        None,
        None,
        None,
    )
    assert found.year.reasoning == (
        "“met in Lyon last week” in a release dated “7 January 2048”: the meeting was "
        "held between 30 December 2047 and 5 January 2048 (Monday to Sunday); no "
        "single day."
    )


def test_closed_yesterday_gives_the_last_day_and_the_meetings_length_the_first():
    found = fields("14-agency-closed-yesterday.txt")
    assert found.end_date.to_json()["reasoning"] == (
        "“closed yesterday” in a release dated “Sept. 15, 2044”."
    )
    assert (found.start_date.value, found.end_date.value) == (
        "2044-09-11",
        "2044-09-14",
    )
    assert found.start_date.inferred and found.end_date.inferred


def test_yesterday_or_last_week_about_something_else_bounds_nothing():
    """'A crackdown that concluded last week', 'the operation ended yesterday'."""
    text = (
        "Bureau chiefs meet\n\n5 March 2042\n\n"
        "LYON, France – The 34th Heads of NCB Conference brought together 300 delegates. "
        "A crackdown that concluded last week saw 1,000 arrests.\n"
        "Operation Jackal ended yesterday, police said."
    )
    found = extract_report(text).fields
    assert (found.start_date.to_json(), found.end_date.to_json()) == (
        {"value": None, "excerpt": "", "confidence": None},
        {"value": None, "excerpt": "", "confidence": None},
    )


def test_this_week_over_new_year_leaves_the_year_empty_though_the_dateline_has_one():
    """Dated Tuesday 31 December 2047: this week runs from 30 December to 5 January 2048."""
    text = (
        "Bureau chiefs meet\n\n31 December 2047\n\n"
        "LYON, France – Heads of NCBs from 150 countries are meeting in Lyon this week "
        "for the 39th Heads of NCB Conference, with 250 delegates."
    )
    found = extract_report(text).fields
    assert found.year.value is None
    assert "between 30 December 2047 and 5 January 2048" in found.year.reasoning


HEAD = "Bureau chiefs meet\n\nTuesday 3 March 2043\n\nLYON, France – "


def test_until_the_end_of_the_week_bounds_the_last_day_from_the_first_to_sunday():
    """Dated Tuesday 3 March 2043, 'opened today': the last day lies between 3 and 8 March."""
    found = extract_report(
        HEAD + "The 34th Heads of NCB Conference opened today and runs until the end "
        "of the week, with 300 delegates."
    ).fields
    assert found.start_date.value == "2043-03-03"
    assert found.end_date.to_json() == {
        "value": None,
        "excerpt": "LYON, France – The 34th Heads of NCB Conference opened today and runs "
        "until the end of the week, with 300 delegates.",
        "confidence": None,
        "inferred": False,
        "reasoning": "“runs until the end of the week” in a release dated “3 March "
        "2043”: the meeting ended between 3 and 8 March 2043 (from the release's day "
        "to that week's Sunday); no single day.",
    }


def test_until_a_weekday_gives_the_last_day_counted_the_way_the_verb_says():
    """'runs until Thursday': the first Thursday from the release's day; 'ran': the last."""
    runs = extract_report(
        HEAD + "The three-day 34th Heads of NCB Conference runs until Thursday."
    ).fields
    assert runs.end_date.to_json() == {
        "value": "2043-03-05",
        "excerpt": "LYON, France – The three-day 34th Heads of NCB Conference runs "
        "until Thursday.",
        "confidence": 0.5,
        "inferred": True,
        "reasoning": "“runs until Thursday” in a release dated “3 March 2043”: the "
        "first Thursday on or after it, 5 March 2043.",
    }
    assert (runs.start_date.value, runs.start_date.inferred) == ("2043-03-03", True)
    ran = extract_report(
        HEAD + "The 34th Heads of NCB Conference ran until Friday, with 300 delegates."
    ).fields
    assert (ran.start_date.value, ran.end_date.value) == (None, "2043-02-27")
    assert "the last Friday on or before it" in ran.end_date.reasoning
    through = extract_report(
        HEAD + "The 34th Heads of NCB Conference runs from Monday through Friday."
    ).fields
    assert (through.start_date.value, through.end_date.value) == (
        "2043-03-02",
        "2043-03-06",
    )


def test_until_a_weekday_about_something_else_gives_no_day():
    found = extract_report(
        HEAD + "The 34th Heads of NCB Conference opened. Operation Jackal runs until "
        "Friday."
    ).fields
    assert (found.start_date.to_json(), found.end_date.to_json()) == (
        {"value": None, "excerpt": "", "confidence": None},
        {"value": None, "excerpt": "", "confidence": None},
    )
