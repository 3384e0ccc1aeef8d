"""Fields the API's serializers share: portal addresses, and related rows by their keys."""

from collections.abc import Callable

from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import preserve_builtin_query_params

from conferences.addresses import KeyPaths, address_of
from conferences.models import Conference

# PostgreSQL's ranges for small, regular and big integer columns: the API refuses the
# same values on SQLite (which has none).
SMALLINT_MAX = 32_767
INTEGER_MAX = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807


def portal_path(instance) -> str:
    """Return the object's page on the portal at its English (unprefixed) address.

    The API's values are the same whatever the client's Accept-Language; the page itself
    links to its translations.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return instance.get_absolute_url()


def absolute_urls(request):
    """Return a function that makes this site's addresses absolute, as
    request.build_absolute_uri() does, without parsing each one: an address that is a
    plain path gets the request's scheme and host in front."""
    if request is None:
        return lambda address: address
    origin = request.build_absolute_uri("/").removesuffix("/")

    def absolute(address: str) -> str:
        if address.startswith("/") and not address.startswith("//"):
            path = address.split("#", 1)[0].split("?", 1)[0]
            if "/./" not in path and "/../" not in path:
                return origin + address
        return request.build_absolute_uri(address)

    return absolute


class RequestAddresses:
    """The functions giving the absolute addresses a serializer's rows name, by key:
    api() and portal(). What reverse() reads (KeyPaths) and the request's scheme and
    host (absolute_urls()) are read once for all of them; each path is reversed once a
    process (key_path())."""

    def __init__(self, context: dict):
        self.request = context.get("request")
        self.format = context.get("format")
        self.paths = KeyPaths()
        self.absolute = absolute_urls(self.request)

    def api(
        self, view_name: str, lookup: str, *, with_format: bool = True
    ) -> Callable[[object], str]:
        """Return the function giving an API object's absolute address by its `lookup`
        key, as a HyperlinkedIdentityField writes it (the request's `format`, with
        `with_format`): as DRF's reverse() gives it (the project uses no versioning
        scheme), on the request's scheme and host, with the request's `?format=` if any.
        """
        path = self.paths(
            view_name, lookup=lookup, format=self.format if with_format else None
        )
        if self.request is None:
            return address_of(path)
        return address_of(
            preserve_builtin_query_params(self.absolute(path), self.request)
        )

    def portal(
        self, view_name: str, *, english: bool = True
    ) -> Callable[[object], str]:
        """Return the function giving a portal page's absolute address by its key: at
        its English (unprefixed) address as portal_path() and HTMLURLField give it, or
        with `english=False` in the active language, as the model's
        get_absolute_url() does."""
        path = self.paths(
            view_name, language=settings.LANGUAGE_CODE if english else None
        )
        return address_of(self.absolute(path))


@extend_schema_field(OpenApiTypes.URI)
class HTMLURLField(serializers.ReadOnlyField):
    """The absolute address of the object's page on the portal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # The English address, whatever the client's Accept-Language (portal_path).
        with translation.override(settings.LANGUAGE_CODE):
            return super().get_attribute(instance)

    def to_representation(self, value):
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request else value


class KeyRelatedField(serializers.SlugRelatedField):
    """A related row named by its key (slug, edition number) in the request body.

    A key with a NUL character cannot exist, and PostgreSQL refuses to even look for it.
    (RequestLimitsMiddleware refuses NUL in the address; this is the body's guard.)
    """

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


class EditionField(KeyRelatedField):
    """A published edition named by its number, written to the row's `conference`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "conference")
        kwargs.setdefault("help_text", "The edition number.")
        super().__init__(
            slug_field="edition", queryset=Conference.objects.published(), **kwargs
        )
