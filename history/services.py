"""The one way to write an archive row: validated, with who changed it and why."""

from django.db import models

# Used where a writer gives no reason of its own; history then still says something.
DEFAULT_REASON = "Edited"
DELETED_REASON = "Deleted"


def save_with_history(
    instance: models.Model, *, user=None, reason: str
) -> models.Model:
    """Validate an archive row with full_clean(), then save it with its history user and reason.

    Every writer (the fixture loader, the report importer, the admin's forms, inlines,
    restores and actions, the API, corrections, publishing) calls this, so no row enters
    the archive unchecked or with an unexplained history entry. A ValidationError from
    full_clean() leaves the row unsaved.

    The admin's form has validated the row already, but not all of it: a form skips the
    fields it does not show, and an inline row of an edition being added is checked
    before the edition exists. So the admin calls this too, and shows what it refuses.
    """
    instance.full_clean()
    instance._change_reason = reason or DEFAULT_REASON
    if user is not None:
        instance._history_user = user
    instance.save()
    return instance


def delete_with_history(instance: models.Model, *, user=None, reason: str) -> None:
    """Delete an archive row, its history entry saying who deleted it and why.

    A ProtectedError (others still point to the row) leaves it in place.
    """
    instance._change_reason = reason or DELETED_REASON
    if user is not None:
        instance._history_user = user
    instance.delete()
