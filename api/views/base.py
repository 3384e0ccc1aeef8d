"""The viewset every API resource is built on."""

from hashlib import md5

from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api.serializers.mixins import write_reason
from history.services import delete_with_history

WRITE_ACTIONS = {"create", "update", "partial_update", "destroy"}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "The record changed since you read it (its ETag no longer matches If-Match): "
        "fetch it again and apply your change to the new version."
    )
    default_code = "precondition_failed"


class ArchiveViewSet(viewsets.ModelViewSet):
    """Read for everyone, write for staff; writes answer with the same shape as reads.

    Subclasses set `serializer_class` (one object), `list_serializer_class` (lists, when
    they show less), `write_serializer_class` (the body of a create or update), and the
    two querysets. (A NUL character in the address never gets here: the project's
    RequestLimitsMiddleware refuses it.)
    """

    list_serializer_class = None
    write_serializer_class = None

    def get_queryset(self):
        if self.action == "list":
            return self.list_queryset()
        if self.action in WRITE_ACTIONS:
            return self.write_queryset()
        return self.detail_queryset()

    def list_queryset(self):
        raise NotImplementedError

    def detail_queryset(self):
        raise NotImplementedError

    def write_queryset(self):
        """Return the rows staff may change and read back: by default what readers see."""
        return self.detail_queryset()

    def get_serializer_class(self):
        if self.action == "list":
            return self.list_serializer_class or self.serializer_class
        if self.action in {"create", "update", "partial_update"}:
            return self.write_serializer_class
        return self.serializer_class

    def create(self, request, *args, **kwargs):
        write = self.get_serializer(data=request.data)
        write.is_valid(raise_exception=True)
        instance = write.save()
        return Response(self.read(instance), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        self.check_if_match(instance)
        write = self.get_serializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        write.is_valid(raise_exception=True)
        data = self.read(write.save())
        # The new version's ETag, for the client's next If-Match.
        return Response(data, headers={"ETag": self.etag_of(data)})

    def perform_destroy(self, instance):
        self.check_if_match(instance)
        request = self.request
        delete_with_history(
            instance, user=request.user, reason=write_reason(request, request.data)
        )

    def check_if_match(self, instance) -> None:
        """Refuse a change made on a stale copy: 412 unless `If-Match` (when sent) names
        the ETag a GET of the object gives now (`*` matches any version)."""
        header = self.request.headers.get("If-Match")
        if header is None:
            return
        etags = parse_etags(header)
        if "*" in etags:
            return
        if self.etag_of(self.read(instance)) not in etags:
            raise PreconditionFailed()

    def etag_of(self, data) -> str:
        """Return the ETag a GET answering with `data` carries (the hash of its JSON, as
        ConditionalGetMiddleware computes it)."""
        body = JSONRenderer().render(
            data, "application/json", {"request": self.request}
        )
        return quote_etag(md5(body, usedforsecurity=False).hexdigest())

    def read(self, instance):
        """Return the object as a GET would, fetched again with everything it shows."""
        fresh = self.write_queryset().get(pk=instance.pk)
        return self.serializer_class(fresh, context=self.get_serializer_context()).data
