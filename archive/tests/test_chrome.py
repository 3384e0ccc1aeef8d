"""The chrome every page shares: its fixed pieces rendered once per language, the
page's own links (switcher, alternates, current section) on every request."""

import lxml.html
import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import translation
from django.utils.translation import gettext

LIBRARIES = {
    "i18n": "django.templatetags.i18n",
    "languages": "archive.templatetags.languages",
}
ENGINE = Engine(libraries=LIBRARIES, dirs=[])


@pytest.mark.parametrize(
    "source",
    [
        "{% fixed %}{{ query }}{% endfixed %}",
        "{% fixed %}{% if query %}x{% endif %}{% endfixed %}",
        "{% fixed %}{% translate query %}{% endfixed %}",
        '{% fixed %}{% translate "Search" as label %}{% endfixed %}',
        "{% fixed %}{% url 'conferences:edition-detail' edition %}{% endfixed %}",
        '{% fixed %}{% include "includes/_breadcrumbs.html" %}{% endfixed %}',
        '{% fixed %}{% include "x.html" with current=query only %}{% endfixed %}',
        "{% fixed %}{% blocktranslate %}See {{ query }}{% endblocktranslate %}"
        "{% endfixed %}",
        "{% fixed %}{% blocktranslate with q=query %}See {{ q }}{% endblocktranslate %}"
        "{% endfixed %}",
        '{% fixed %}{% blocktranslate with q="x" %}See {{ q }}{% endblocktranslate %}'
        "{% endfixed %}",
        "{% fixed %}{% blocktranslate count n=query %}one{% plural %}many"
        "{% endblocktranslate %}{% endfixed %}",
        "{% fixed %}{% blocktranslate asvar said %}Search{% endblocktranslate %}"
        "{% endfixed %}",
    ],
)
def test_fixed_refuses_what_could_read_the_page(source):
    """Only constants go in {% fixed %}: it is rendered once for every page."""
    with pytest.raises(TemplateSyntaxError):
        ENGINE.from_string("{% load i18n languages %}" + source)


def test_fixed_is_rendered_in_each_language():
    template = ENGINE.from_string(
        '{% load i18n languages %}{% fixed %}{% translate "Search" %} '
        "{% url 'search:search' %}{% endfixed %}"
    )
    for language, path in [
        ("en", "/search/"),
        ("fr", "/fr/search/"),
        ("en", "/search/"),
    ]:
        with translation.override(language):
            rendered = template.render(Context({"query": "ignored"}))
            assert rendered == f"{gettext('Search')} {path}"


# A piece in the page's language, one under {% language inner %}, one with an address.
OUTER = '{% fixed %}{% translate "Search" %}{% endfixed %}'
INNER = (
    '{% language inner %}{% fixed %}{% translate "Search" %}{% endfixed %}'
    "{% endlanguage %}"
)
WITH_ADDRESS = (
    '{% fixed %}{% translate "Search" %} {% url "search:search" %}{% endfixed %}'
)
LANGUAGE_TAG_TEMPLATES = {
    # {% language %} after and before the render's other pieces.
    "page.html": "{% load i18n languages %}" + "|".join([OUTER, INNER, WITH_ADDRESS]),
    "first.html": "{% load i18n languages %}" + "|".join([INNER, WITH_ADDRESS]),
    # A parent that renders its child's block under {% language %}.
    "parent.html": "{% load i18n languages %}"
    + "|".join(
        [
            OUTER,
            "{% language inner %}{% block piece %}{% endblock %}{% endlanguage %}",
            WITH_ADDRESS,
        ]
    ),
    "child.html": '{% extends "parent.html" %}{% load i18n languages %}'
    '{% block piece %}{% fixed %}{% translate "Search" %}{% endfixed %}{% endblock %}',
}


@pytest.mark.parametrize("name", ["page.html", "first.html", "child.html"])
def test_fixed_under_a_language_tag_is_in_that_language(name):
    """A render reads the URL configuration once for its {% fixed %} pieces, the
    language for each: a piece under {% language %}, in the same template or in the
    parent that renders its block, is in that language, and is kept under it."""
    engine = Engine(
        libraries=LIBRARIES,
        loaders=[("django.template.loaders.locmem.Loader", LANGUAGE_TAG_TEMPLATES)],
    )
    template = engine.get_template(name)
    words = {}
    for language in ["en", "fr"]:
        with translation.override(language):
            words[language] = gettext("Search")
    assert words["en"] != words["fr"]
    for outer, inner in [("en", "fr"), ("en", "en"), ("fr", "en"), ("fr", "fr")]:
        with translation.override(outer):
            rendered = template.render(Context({"inner": inner}))
        path = "/search/" if outer == "en" else f"/{outer}/search/"
        pieces = [words[inner], f"{words[outer]} {path}"]
        if name != "first.html":
            pieces.insert(0, words[outer])
        assert rendered == "|".join(pieces)


def test_fixed_holds_a_blocktranslate_of_no_variables_in_each_language():
    """A {% blocktranslate %} whose message names no variable (its markup its own) is
    a constant: {% fixed %} renders it once per language."""
    template = ENGINE.from_string(
        "{% load i18n languages %}{% fixed %}{% blocktranslate trimmed %}\n  Search\n"
        "{% endblocktranslate %}{% endfixed %}"
    )
    for language in ["en", "fr", "en"]:
        with translation.override(language):
            rendered = template.render(Context({"query": "<script>"}))
            assert rendered == gettext("Search")


@pytest.mark.django_db
def test_each_page_marks_its_own_section_and_links(archive, client):
    """The header is kept per language and section, the switcher is the page's own."""
    for path, section in [
        ("/fr/editions/", "/fr/editions/"),
        ("/fr/people/", "/fr/people/"),
        ("/fr/editions/20/", "/fr/editions/"),
        ("/fr/search/?q=Lyon", None),
    ]:
        page = lxml.html.fromstring(client.get(path).content)
        current = page.xpath("//nav[@class='site-nav']//a[@aria-current='page']/@href")
        assert current == ([section] if section else [])
        switcher = page.xpath("//nav[@class='language-switcher']//a/@href")
        assert switcher[0] == path.removeprefix("/fr")
        assert switcher[1] == path
