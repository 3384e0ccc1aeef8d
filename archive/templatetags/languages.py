"""The page's chrome in the reader's language: the language switcher, the hreflang
alternates, and the head links, header and footer every page shares.

The chrome differs from page to page only by the page's address (the switcher's and the
alternates' links) and the main section it is in. Its other parts hold no data: interface
text, addresses reversed from the URL configuration, static files' names. They are
rendered from their templates once per language (and URL configuration) in each process,
not on every request, where their dozens of {% translate %} and {% url %} cost more than a
search. A cold page still reads and renders all of its data.
"""

from dataclasses import dataclass
from functools import cached_property
from html import escape
from itertools import count

from django import template
from django.conf import settings
from django.template.base import Node, TextNode, TokenType
from django.template.defaulttags import CommentNode, URLNode
from django.template.loader import get_template
from django.template.loader_tags import IncludeNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.templatetags.static import StaticNode
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi, get_language_info
from django.utils.translation import gettext_lazy as _

from archive.locale import localized_path
from archive.process_caches import process_cache
from conferences.addresses import url_configuration

register = template.Library()

CHROME = "includes/_chrome.html"
HEADER = "includes/_header.html"
FOOTER = "includes/_footer.html"
# The main sections in the header, in order: URL name and label. A section is current
# on the pages whose address contains its own (an edition's page is in Editions).
SECTIONS = [
    ("conferences:edition-list", _("Editions")),
    ("speakers:person-list", _("People")),
    ("conferences:topic-list", _("Topics")),
    ("stats:trends", _("Trends")),
    ("conferences:source-list", _("Sources")),
]
# Where the header's language switcher goes; replaced by each page's own links.
SWITCHER_SLOT = mark_safe("\x00language-switcher\x00")  # noqa: S308 - a constant
CURRENT_LANGUAGE = mark_safe(' aria-current="true"')  # noqa: S308 - a constant

# The rendered pieces, by template, language, URL configuration and context.
_rendered: dict[tuple, object] = process_cache({})


def rendering_context(*parts, urls: tuple | None = None) -> tuple:
    """What a rendered piece depends on besides its templates: the language and the URL
    configuration its addresses are reversed from (and the given parts). `urls`: the
    URL configuration (url_configuration()), if the caller has read it."""
    return (get_language(), *(urls or url_configuration()), *parts)


def rendered(name: str, urls: tuple | None = None) -> SafeString:
    """Return a template (or partial, `name#partial`) rendered without request or data,
    once per language and URL configuration (`urls`: url_configuration(), if the
    caller has read it)."""
    key = (name, *rendering_context(urls=urls))
    html = _rendered.get(key)
    if html is None:
        html = _rendered[key] = get_template(name).render({})
    return html


@dataclass(frozen=True)
class Section:
    url: str
    label: str
    current: bool


def section_urls(where: tuple) -> list[str]:
    """The main sections' addresses (`where`: rendering_context())."""
    key = ("sections", *where)
    urls = _rendered.get(key)
    if urls is None:
        urls = _rendered[key] = [reverse(name) for name, _label in SECTIONS]
    return urls


def header_parts(
    path: str, hide_site_search: bool, urls: tuple | None = None
) -> tuple[str, str]:
    """Return the header before and after its language switcher, for a page at `path`
    (`urls`: url_configuration(), if the caller has read it)."""
    where = rendering_context(urls=urls)
    section_addresses = section_urls(where)
    current = tuple(url in path for url in section_addresses)
    key = (HEADER, *where, hide_site_search, current)
    parts = _rendered.get(key)
    if parts is None:
        sections = [
            Section(url, label, is_current)
            for url, (_name, label), is_current in zip(
                section_addresses, SECTIONS, current, strict=True
            )
        ]
        html = get_template(f"{CHROME}#body").render(
            {
                "hide_site_search": hide_site_search,
                "sections": sections,
                "language_switcher": SWITCHER_SLOT,
            }
        )
        before, after = html.split(SWITCHER_SLOT)
        parts = _rendered[key] = (before, after)
    return parts


@dataclass
class LanguageLink:
    code: str
    name: str  # in its own language: Français, Español, العربية
    path: str  # the same page in that language
    url: str  # with the query string, for the switcher
    bidi: bool
    current: bool


def portal_languages() -> list[tuple[str, str, bool]]:
    """Return each of the portal's languages: code, name and whether it is written
    right to left."""
    languages = _rendered.get("languages")
    if languages is None:
        languages = _rendered["languages"] = [
            (code, name, get_language_info(code)["bidi"])
            for code, name in settings.LANGUAGES
        ]
    return languages


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Return the current page's address in each of the portal's languages."""
    request = context.get("request")
    path = request.path if request else "/"
    query = request.META.get("QUERY_STRING", "") if request else ""
    current = get_language()
    # The page's address without its language (localized_path() for each language).
    english = localized_path(path, settings.LANGUAGE_CODE)
    links = []
    for code, name, bidi in portal_languages():
        url = english if code == settings.LANGUAGE_CODE else f"/{code}{english}"
        links.append(
            LanguageLink(
                code=code,
                name=name,
                path=url,
                url=f"{url}?{query}" if query else url,
                bidi=bidi,
                current=code == current,
            )
        )
    return links


class Chrome:
    """A page's chrome: its language, the shared pieces, the page's own links."""

    def __init__(self, context):
        self.request = context.get("request")
        self.hide_site_search = bool(context.get("hide_site_search"))
        self.languages = language_links(context)
        # Its pieces' URL configuration, read once for all of them.
        self.urls = url_configuration()
        self.language = get_language()
        self.direction = "rtl" if get_language_bidi() else "ltr"

    @property
    def site_name(self) -> SafeString:
        return rendered(f"{CHROME}#site-name", self.urls)

    @property
    def description(self) -> SafeString:
        return rendered(f"{CHROME}#description", self.urls)

    @property
    def head(self) -> SafeString:
        return rendered(f"{CHROME}#head", self.urls)

    @property
    def footer(self) -> SafeString:
        return rendered(FOOTER, self.urls)

    @cached_property
    def canonical(self) -> SafeString:
        """The page's canonical address and its alternates in each language, English
        the default (error pages replace them: no host is read for them)."""
        if not self.request:
            return SafeString()
        origin = escape(f"{self.request.scheme}://{self.request.get_host()}")
        links = [f'<link rel="canonical" href="{origin}{escape(self.request.path)}">']
        for language in self.languages:
            href = f"{origin}{escape(language.path)}"
            code = escape(language.code)
            links.append(f'<link rel="alternate" hreflang="{code}" href="{href}">')
            if language is self.languages[0]:
                links.append(
                    f'<link rel="alternate" hreflang="x-default" href="{href}">'
                )
        return mark_safe("\n  ".join(links))  # noqa: S308 - every value escaped

    @property
    def body(self) -> SafeString:
        """The body's opening tag, the skip link and the header, with this page's links
        in the language switcher."""
        path = self.request.path if self.request else "/"
        before, after = header_parts(path, self.hide_site_search, self.urls)
        switcher = "".join(switcher_link_html(language) for language in self.languages)
        return mark_safe(before + switcher + after)  # noqa: S308 - every value escaped


def switcher_link_html(language: LanguageLink) -> str:
    """One of the page's own links in the switcher, written in Python for speed (a
    template would cost more than the rest of the chrome), with the standard library's
    escape(), as Django's calls it."""
    code = escape(language.code)
    direction = "rtl" if language.bidi else "ltr"
    current = CURRENT_LANGUAGE if language.current else ""
    return (
        f'<li><a href="{escape(language.url)}" hreflang="{code}" lang="{code}" '
        f'dir="{direction}" data-language="{code}"{current}>{escape(language.name)}'
        "</a></li>"
    )


@register.simple_tag(takes_context=True)
def page_chrome(context) -> Chrome:
    """Return the current page's chrome (see the module's docstring)."""
    return Chrome(context)


# What {% fixed %} may hold: nothing that reads the page's context or data.
FIXED_NODES = (
    TextNode,
    CommentNode,
    TranslateNode,
    BlockTranslateNode,
    URLNode,
    StaticNode,
    IncludeNode,
)
FIXED_NUMBERS = count()


def constant_expressions(node) -> list:
    if isinstance(node, TranslateNode):
        return [node.filter_expression]
    if isinstance(node, URLNode):
        return [node.view_name, *node.args, *node.kwargs.values()]
    if isinstance(node, IncludeNode):
        return [node.template, *node.extra_context.values()]
    if isinstance(node, BlockTranslateNode):
        return [*node.extra_context.values(), node.counter, node.message_context]
    return []


def reads_variables(node) -> bool:
    """Whether a {% blocktranslate %}'s message names a variable ({{ title }})."""
    tokens = [*node.singular, *(node.plural or [])]
    return any(token.token_type == TokenType.VAR for token in tokens)


def is_constant(expression) -> bool:
    """Whether a tag's argument is a literal (a number or a string), without filters
    (or absent: a {% blocktranslate %} without counter or context)."""
    if expression is None:
        return True
    literal = not expression.is_var or expression.var.lookups is None
    return literal and not expression.filters


# Where a render keeps its url_configuration() for its {% fixed %} pieces.
URL_CONFIGURATION_KEY = "archive.url_configuration"


class FixedNode(Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.number = next(FIXED_NUMBERS)  # unlike id(), never reused

    def render(self, context):
        # The URL configuration read once for all the pieces of a render (a template
        # and those it extends; an included one has its own render context): an edition
        # page's fourteen pieces read it twice each. The language for each piece.
        urls = context.render_context.get(URL_CONFIGURATION_KEY)
        if urls is None:
            urls = context.render_context[URL_CONFIGURATION_KEY] = url_configuration()
        key = ("fixed", self.number, *rendering_context(urls=urls))
        html = _rendered.get(key)
        if html is None:
            html = _rendered[key] = self.nodelist.render(context)
        return html


@register.tag
def fixed(parser, token):
    """{% fixed %}…{% endfixed %}: a piece of a page made only of text, {% translate %}
    of a constant, {% blocktranslate %} of no variables, {% url %} of constants,
    {% static %} and {% include … only %} with constants, rendered once per language
    and URL configuration in each process (see the module's docstring). Anything that
    could read the page's context or data is refused when the template is loaded."""
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    for node in nodelist:
        expressions = constant_expressions(node)
        if (
            not isinstance(node, FIXED_NODES)
            or getattr(node, "asvar", None)
            or getattr(node, "varname", None)
            # An included template sees only the constants it is given.
            or (isinstance(node, IncludeNode) and not node.isolated_context)
            # A message with a variable in it reads the page's context.
            or (isinstance(node, BlockTranslateNode) and reads_variables(node))
            or any(not is_constant(expression) for expression in expressions)
        ):
            raise template.TemplateSyntaxError(
                f"{{% fixed %}} holds only text and constant {{% translate %}}, "
                f"{{% url %}} and {{% static %}}, not {node!r}"
            )
    return FixedNode(nodelist)
