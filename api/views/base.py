"""The viewset every API resource is built on."""

from rest_framework import status, viewsets
from rest_framework.response import Response

WRITE_ACTIONS = {"create", "update", "partial_update", "destroy"}


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
        write = self.get_serializer(
            self.get_object(), data=request.data, partial=kwargs.get("partial", False)
        )
        write.is_valid(raise_exception=True)
        return Response(self.read(write.save()))

    def read(self, instance):
        """Return the object as a GET would, fetched again with everything it shows."""
        fresh = self.write_queryset().get(pk=instance.pk)
        return self.serializer_class(fresh, context=self.get_serializer_context()).data
