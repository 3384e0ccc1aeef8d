"""The words of a search: terms, edition numbers in every form, snippets."""

from search.text import (
    Term,
    edition_names,
    fold,
    ordinal_words,
    roman,
    snippet,
    terms_of,
)


def test_fold_drops_case_accents_and_punctuation():
    assert fold("Jürgen STOCK, al-Raisi’s") == "jurgen stock al raisi s"


def test_terms_are_prefixes_except_numbers_and_roman_numerals():
    assert terms_of("Cybercrim 15 XV the a frauds agencies") == [
        Term("cybercrim", prefix=True),
        Term("15", prefix=False),
        Term("xv", prefix=False),
        Term("fraud", prefix=True),
        Term("agenc", prefix=True),
    ]
    assert terms_of("<b> & the") == []


def test_an_edition_number_in_every_form():
    assert edition_names(15) == "15 15th fifteenth XV"
    assert [ordinal_words(n) for n in (1, 2, 3, 12, 20, 21, 40, 101)] == [
        "first",
        "second",
        "third",
        "twelfth",
        "twentieth",
        "twenty first",
        "fortieth",
        "one hundred first",
    ]
    assert [roman(n) for n in (4, 9, 14, 18, 40, 1999)] == [
        "IV",
        "IX",
        "XIV",
        "XVIII",
        "XL",
        "MCMXCIX",
    ]


def test_a_snippet_marks_every_matched_word_and_escapes_the_rest():
    text = "Before <b>bold</b> & Jürgen said “cybercrime” twice: Cybercrimes."
    assert snippet(text, terms_of("jurgen cybercrime")) == (
        "Before &lt;b&gt;bold&lt;/b&gt; &amp; <mark>Jürgen</mark> said "
        "“<mark>cybercrime</mark>” twice: <mark>Cybercrimes</mark>."
    )


def test_a_long_snippet_is_cut_at_word_boundaries_around_the_first_match():
    words = [f"word{n}" for n in range(200)]
    text = " ".join(words[:100] + ["Interpol"] + words[100:])
    cut = snippet(text, terms_of("interpol"), size=80)
    assert cut.startswith("… word") and cut.endswith(" …")
    inner = cut.removeprefix("… ").removesuffix(" …").replace("<mark>", "")
    inner = inner.replace("</mark>", "")
    assert f" {inner} " in f" {text} "  # whole words only
    assert "<mark>Interpol</mark>" in cut
    assert len(inner) <= 80


def test_a_snippet_without_a_match_is_the_texts_start():
    assert snippet("One two three", terms_of("zeppelin"), size=7) == "One two …"
