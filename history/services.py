"""The one way to write an archive row: validated, with who changed it and why."""

from django.db import models

# Used where a writer gives no reason of its own; history then still says something.
DEFAULT_REASON = "Edited"


def save_with_history(
    instance: models.Model, *, user=None, reason: str
) -> models.Model:
    """Validate an archive row with full_clean(), then save it with its history user and reason.

    Every writer (the fixture loader, the report importer, the admin's actions, the API)
    calls this, so no row enters the archive unchecked or with an unexplained history entry.
    A ValidationError from full_clean() leaves the row unsaved.
    """
    instance.full_clean()
    instance._change_reason = reason or DEFAULT_REASON
    if user is not None:
        instance._history_user = user
    instance.save()
    return instance
