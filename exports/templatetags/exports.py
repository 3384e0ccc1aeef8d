"""Template helpers for citations and the data links: `{% reference item as ref %}`."""

from django import template

from exports.changes import archive_last_changed
from exports.citations import (
    apa,
    chicago,
    citation_address,
    cite_box,
    cite_meta,
    coins,
    highwire,
    reference_for,
)

register = template.Library()


def last_changed(request):
    """Return when the archive last changed, asked of the database once a request."""
    if not hasattr(request, "archive_last_changed"):
        request.archive_last_changed = archive_last_changed()
    return request.archive_last_changed


@register.simple_tag(takes_context=True)
def reference(context, item):
    """Return the item's Reference, with this site's address and the archive's date."""
    return request_reference(context["request"], item)


def request_reference(request, item):
    """Return the item's Reference for a page of this request (the `reference` tag's)."""
    return reference_for(
        item,
        base_url=f"{request.scheme}://{request.get_host()}",
        last_changed=last_changed(request),
    )


@register.simple_tag(takes_context=True)
def archive_changed(context):
    return last_changed(context["request"])


register.filter("apa", apa)
register.filter("chicago", chicago)
register.filter("coins", coins)
register.filter("highwire", highwire)
# {% cite_box ref cite_url _("Cite this report") %}, {% cite_meta ref cite_url %}
register.simple_tag(cite_box, name="cite_box")
register.simple_tag(cite_meta, name="cite_meta")


@register.simple_tag
def cite_url(item) -> str:
    """Return the address of the item's citation downloads, without the format's suffix."""
    return citation_address(item)
