"""Every page type at a phone's width (390 px) in real Chromium: no text cut off, no
content wider than the screen, no chart or table that hides its data in a scrolling box."""

import pytest

from .test_browser import PAGE_TYPES, WIDTHS, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PAGES = {**PAGE_TYPES, "data": "/data/"}

# Open every <details> (a chart's table), then list what a reader could not see.
PROBLEMS = """
() => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const problems = [];
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className.trim()
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  if (document.documentElement.scrollWidth > width) {
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  }
  // Hidden on purpose, for screen readers only: clipped to a pixel.
  const forScreenReaders = (el) => {
    for (let node = el; node instanceof Element; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.position === "absolute" && style.clip !== "auto") return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (el.getClientRects().length === 0 || forScreenReaders(el)) continue;
    const overflows = el.scrollWidth > el.clientWidth + 1 && el.textContent.trim();
    if (overflows && (["hidden", "clip"].includes(style.overflowX)
                      || style.textOverflow === "ellipsis")) {
      problems.push(`text cut off in ${name(el)}`);
    }
    if (overflows && ["auto", "scroll"].includes(style.overflowX)) {
      problems.push(`${name(el)} scrolls: ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
    if (el instanceof SVGTextElement) {
      const box = el.ownerSVGElement.getBoundingClientRect();
      const text = el.getBoundingClientRect();
      if (text.left < box.left - 1 || text.right > box.right + 1) {
        problems.push(`chart text clipped: ${el.textContent}`);
      }
    }
    const right = el.getBoundingClientRect().right;
    if (right > width + 1 && !el.closest("[class*=scroll], .table-wrap")) {
      problems.push(`${name(el)} runs ${Math.round(right - width)}px off the screen`);
    }
  }
  return [...new Set(problems)];
}
"""


def test_every_page_type_fits_a_phone(reader):
    """At 390 px every page shows all its text: tables stack or wrap, the topic matrix
    becomes a list per topic, the leadership timeline a list of runs with whole names."""
    page = reader
    page.set_viewport_size(PHONE)
    found = {}
    for name, path in PAGES.items():
        page.goto(f"{page.base_url}{path}")
        if problems := page.evaluate(PROBLEMS):
            found[name] = problems
    assert found == {}


def test_trends_on_a_phone_shows_the_matrix_and_leaders_as_lists(reader):
    page = reader
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}/trends/")
    assert not page.locator(".matrix-wrap").is_visible()
    cybercrime = page.locator(".matrix-list__item").filter(has_text="Cybercrime")
    assert cybercrime.locator(".matrix-list__editions li").count() >= 1
    assert not page.locator(".chart--leadership").is_visible()
    names = page.locator(".leadership-runs__name").all_inner_texts()
    assert "Ahmed Naser Al-Raisi" in names
    # On a desktop the matrix and the drawing come back.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".matrix-wrap").is_visible()
    assert not page.locator(".matrix-list").is_visible()
    assert page.locator(".chart--leadership").is_visible()


def test_open_data_page_passes_axe(reader):
    """The one page type the exports add: no serious axe finding, phone or desktop."""
    page = reader
    for viewport in WIDTHS.values():
        page.set_viewport_size(viewport)
        page.goto(f"{page.base_url}/data/")
        assert serious_violations(page) == []
    assert page.console_errors == []
