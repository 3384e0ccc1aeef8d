"""The portal in a real Chromium: a reader's path, accessibility, no outside requests.

Screenshots of every page type, at a phone's width and a desktop's, go to test-artifacts/.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
AXE = settings.BASE_DIR / "static" / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
PAGE_TYPES = {
    "home": "/",
    "edition-list": "/editions/",
    "edition": "/editions/19/",
    "person-list": "/people/",
    "person": "/people/jurgen-stock/",
    "topic-list": "/topics/",
    "topic": "/topics/cybercrime/",
    "trends": "/trends/",
    "source-list": "/sources/",
    "source": "/sources/003-78adaa81/",
    "search": "/search/?q=databases",
    "not-found": "/editions/99/",
}


# Chromium cannot capture a page taller than its largest texture, and a full-page capture
# (Playwright resizes the page to its whole height, then waits for a new frame) can fail
# under load with "Unable to capture screenshot" on the tallest pages. Photograph at most
# this much of a page; if that capture fails, photograph what the viewport shows, which
# needs no resize. The screenshots are for people to look at: the tests' assertions are
# made on the page itself (axe, widths, console), whichever capture succeeded.
SCREENSHOT_MAX_HEIGHT = 6000


def photograph(page, path) -> None:
    """Save a screenshot of the page's top (all of it, up to SCREENSHOT_MAX_HEIGHT px),
    or of the viewport alone when the taller capture fails."""
    width = page.viewport_size["width"]
    height = min(
        page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_MAX_HEIGHT
    )
    whole = {
        "full_page": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height},
    }
    try:
        page.screenshot(path=path, animations="disabled", timeout=60_000, **whole)
    except PlaywrightError:
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=path, animations="disabled", timeout=60_000)


def serious_violations(page) -> list[str]:
    """Run axe-core on the page and return its serious and critical findings."""
    # By URL, from our own static files: the Content-Security-Policy refuses inline scripts.
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_reader_goes_from_home_to_an_edition_a_person_a_quote_and_its_report(reader):
    """Home → the latest edition → a leader → one of their quotes → the report that has it."""
    page = reader
    page.goto(f"{page.base_url}/")
    page.locator(".latest h2").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/editions/20/$"))
    # The heading carries the "Report" badge after the title.
    expect(page.locator("h1")).to_contain_text("20th Heads of NCB Conference (2025)")

    page.locator("#leaders-title + ul").get_by_role(
        "link", name="Valdecy Urquiza"
    ).click()
    expect(page).to_have_url(re.compile(r"/people/valdecy-urquiza/$"))
    expect(page.locator("h1")).to_have_text("Valdecy Urquiza")

    quote = page.locator(".quote").filter(has_text="There will be no strong INTERPOL")
    quote.get_by_role("link", name="Permanent link to this quote").click()
    expect(page).to_have_url(re.compile(r"/editions/20/#quote-\d+$"))
    expect(page.locator(".quote:target")).to_contain_text(
        "There will be no strong INTERPOL without strong NCBs."
    )

    page.locator(".quote:target").get_by_role("link", name="In the report").click()
    expect(page).to_have_url(re.compile(r"/sources/000-a42205c1/#cite-quote-\d+$"))
    expect(page.locator("h1")).to_have_text(
        "INTERPOL news release on the 20th Heads of NCB conference"
    )
    expect(page.locator("mark:has(.anchor:target)")).to_contain_text(
        "The Heads of National Central Bureaus’ conference is an opportunity"
    )

    page.get_by_label("Search the archive").fill("Urquiza")
    page.get_by_label("Search the archive").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Urquiza$"))
    expect(page.locator(".result--person .result__title")).to_have_text(
        ["Valdecy Urquiza"]
    )
    expect(page.locator(".result--person mark").first).to_have_text("Urquiza")
    expect(page.locator(".result--edition .result__title")).to_have_text(
        ["20th Heads of NCB Conference (2025)"]
    )

    assert page.console_errors == []
    assert page.outside_requests == []


def test_every_page_type_passes_axe_and_is_photographed(reader):
    """axe-core finds no serious or critical problem on any page type, phone or desktop.

    No page is wider than the screen either: wide tables and charts scroll in their box.
    """
    page = reader
    ARTIFACTS.mkdir(exist_ok=True)
    findings = {}
    for width_name, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        for name, path in PAGE_TYPES.items():
            response = page.goto(f"{page.base_url}{path}")
            assert response.status == (404 if name == "not-found" else 200), path
            photograph(page, ARTIFACTS / f"{name}-{width_name}.png")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                findings[f"{name} ({width_name})"] = [f"page is {width}px wide"]
            if violations := serious_violations(page):
                findings[f"{name} ({width_name})"] = violations
    assert findings == {}
    # The 404 page's own status is the one console error a reader may see.
    assert [e for e in page.console_errors if "404" not in e] == []
    assert page.outside_requests == []


def test_provenance_and_search_work_without_javascript(browser, live_server, archive):
    """With scripts off, a fact's source opens on demand and the search box still searches."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    # The 18th: no record gives its number; it is placed between the 17th and the 19th.
    page.goto(f"{live_server.url}/editions/18/")
    fact = page.locator("#fact-edition")
    expect(fact.locator(".badge--inferred")).to_have_text("Inferred")
    expect(fact.locator(".reasoning")).to_be_hidden()
    fact.get_by_text("Why inferred").click()
    expect(fact.locator(".reasoning")).to_contain_text(
        "this June 2023 conference in Singapore is the one found between them"
    )
    expect(page.locator(".copy-link")).to_have_count(0)
    page.get_by_label("Search the archive").fill("Haechi")
    page.get_by_label("Search the archive").press("Enter")
    expect(page.locator(".result--topic .result__title")).to_have_text(
        ["Operation Haechi IV"]
    )
    context.close()


def test_copy_link_button_copies_a_facts_permalink(reader):
    """With scripts on, each permalink gains a button that copies its absolute address."""
    page = reader
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{page.base_url}/editions/20/")
    fact = page.locator("#fact-delegates")
    fact.get_by_role("button", name="Copy link").click()
    expect(fact.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == f"{page.base_url}/editions/20/#fact-delegates"
    assert page.console_errors == []


# The translated pages also include the open-data page and a public record's page (a
# French record's title read left to right on an Arabic page).
TRANSLATED_PAGE_TYPES = {
    **PAGE_TYPES,
    "data": "/data/",
    "record": "/sources/interpol-fr-2023-11-28-palau/",
}


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_page_type_in_arabic_and_french_passes_axe_and_is_photographed(
    reader, language
):
    """The translated pages pass axe too, at both widths, none wider than the screen.

    Screenshots go to test-artifacts/<language>-<page>-<width>.png.
    """
    page = reader
    ARTIFACTS.mkdir(exist_ok=True)
    findings = {}
    for width_name, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        for name, path in TRANSLATED_PAGE_TYPES.items():
            response = page.goto(f"{page.base_url}/{language}{path}")
            assert response.status == (404 if name == "not-found" else 200), path
            expect(page.locator("html")).to_have_attribute("lang", language)
            photograph(page, ARTIFACTS / f"{language}-{name}-{width_name}.png")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                findings[f"{name} ({width_name})"] = [f"page is {width}px wide"]
            if violations := serious_violations(page):
                findings[f"{name} ({width_name})"] = violations
    assert findings == {}
    assert [e for e in page.console_errors if "404" not in e] == []
    assert page.outside_requests == []


def test_arabic_pages_read_right_to_left(reader):
    """In Arabic the layout is mirrored: the brand on the right, charts drawn from the right."""
    page = reader
    page.set_viewport_size(WIDTHS["desktop"])
    page.goto(f"{page.base_url}/ar/trends/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > WIDTHS["desktop"]["width"] / 2
    bars = page.locator("#attendance .chart__bar")
    first, last = bars.first.bounding_box(), bars.last.bounding_box()
    assert first["x"] > last["x"]  # the first edition's bar is on the right
    crumbs = page.locator(".breadcrumbs li")
    assert crumbs.first.bounding_box()["x"] > crumbs.last.bounding_box()["x"]
    assert page.console_errors == []


def test_language_switcher_keeps_the_page_and_remembers_the_choice(reader):
    """Switching language stays on the page; a later visit to an English address follows."""
    page = reader
    page.goto(f"{page.base_url}/editions/20/#fact-delegates")
    page.locator(".language-switcher").get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/fr/editions/20/$"))
    expect(page.locator("h1")).to_contain_text("20e Conférence des chefs de BCN (2025)")
    page.locator(".language-switcher").get_by_role("link", name="العربية").click()
    expect(page).to_have_url(re.compile(r"/ar/editions/20/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The choice is remembered: an English address typed in later leads to Arabic.
    page.goto(f"{page.base_url}/people/")
    expect(page).to_have_url(re.compile(r"/ar/people/$"))
    page.locator(".language-switcher").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    expect(page.locator("h1")).to_have_text("People")
    page.goto(f"{page.base_url}/topics/")
    expect(page).to_have_url(re.compile(r"/topics/$"))
    assert page.console_errors == []
