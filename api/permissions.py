"""Who may read and write (settings.REST_FRAMEWORK names this module: it must not import
DRF's views, which read these settings while they load)."""

from rest_framework import permissions


class IsStaffWithModelPermissionsOrReadOnly(permissions.BasePermission):
    """Anyone may read; writing needs a staff account holding the model's permission."""

    model_permissions = permissions.DjangoModelPermissions()

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.is_staff
            and self.model_permissions.has_permission(request, view)
        )
