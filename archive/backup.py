"""Back the whole archive up to one file, and restore it into an empty database.

The file is a Django fixture in YAML (gzip-compressed when its name ends in .gz), which keeps
every timestamp to the microsecond (Django's JSON fixtures round them to milliseconds): every
record of the archive's two apps and their history, the source reports' full text, and the
accounts the history names (with their groups), written with natural keys so that it loads
into any database where the migrations have run.
"""

from __future__ import annotations

import gzip
import zlib
from io import StringIO
from pathlib import Path

import yaml
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

# Accounts first: the history of every record names who made each change.
BACKUP_LABELS = [
    "auth.group",
    "auth.user",
    "authtoken.token",
    "conferences",
    "speakers",
]
FORMATS = (".yaml", ".yaml.gz")


class BackupError(Exception):
    """A backup cannot be written or restored."""


def backup_models() -> list:
    """Return every model a backup holds, historical models included."""
    models = [
        apps.get_model("auth", "group"),
        get_user_model(),
        apps.get_model("authtoken", "token"),
    ]
    for label in ("conferences", "speakers"):
        models.extend(apps.get_app_config(label).get_models())
    return models


def _check_name(path: Path) -> None:
    if not path.name.endswith(FORMATS):
        raise BackupError(
            f"{path.name}: a backup's name ends in .yaml or .yaml.gz (compressed)."
        )


def archive_export(*, path: Path) -> dict[str, int]:
    """Write the whole archive to path; return how many rows of each model it holds."""
    path = Path(path)
    _check_name(path)
    call_command(
        "dumpdata",
        *BACKUP_LABELS,
        natural_foreign=True,
        format="yaml",
        output=str(path),
        verbosity=0,
    )
    return {
        model._meta.label: model._default_manager.count() for model in backup_models()
    }


def archive_counts() -> dict[str, int]:
    """Return the models that hold rows now, with their counts."""
    counts = {
        model._meta.label: model._default_manager.count() for model in backup_models()
    }
    return {label: count for label, count in counts.items() if count}


@transaction.atomic
def archive_restore(*, path: Path) -> int:
    """Load a backup into an empty database, in one transaction; return the rows loaded."""
    path = Path(path)
    _check_name(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    check_backup_file(path)
    present = archive_counts()
    if present:
        rows = ", ".join(f"{count} {label}" for label, count in sorted(present.items()))
        raise BackupError(
            f"The database is not empty ({rows}). A backup is restored only into an "
            "empty database: create a new one, run migrate, then restore."
        )
    out = StringIO()
    try:
        call_command("loaddata", str(path), stdout=out, verbosity=1)
    except (CommandError, DatabaseError, DeserializationError, ValueError) as error:
        raise BackupError(
            f"{path.name} is not a readable archive backup: {reason(error)}"
        ) from None
    # loaddata saves raw rows, which the search index's signals leave alone.
    from search.index import rebuild

    rebuild()
    return sum(archive_counts().values())


# The C parser when PyYAML has it (it reads a large backup several times faster).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_backup_file(path: Path) -> None:
    """Refuse a backup that is empty, not YAML, or uses aliases, before anything loads it.

    Reads YAML events, one at a time, without building a single object: memory stays
    flat whatever the file holds, and an alias is refused before it can expand.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    records = 0
    top = None
    try:
        with opener(path, "rb") as stream:
            for event in yaml.parse(stream, Loader=YAML_LOADER):
                if top is None and isinstance(event, yaml.NodeEvent):
                    top = event
                if isinstance(event, yaml.AliasEvent):
                    line = event.start_mark.line + 1 if event.start_mark else "?"
                    raise BackupError(
                        f"{path.name} uses a YAML alias (*{event.anchor}, line {line}). "
                        "A backup written by export_archive never does, and aliases can "
                        "expand a small file into gigabytes: refused."
                    )
                if isinstance(event, yaml.MappingStartEvent | yaml.ScalarEvent):
                    records += 1
    except yaml.YAMLError as error:
        raise BackupError(
            f"{path.name} is not a readable archive backup: it is not valid YAML "
            f"({' '.join(str(error).split())})."
        ) from None
    except (OSError, EOFError, zlib.error) as error:
        raise BackupError(
            f"{path.name} is not a readable archive backup: {error}."
        ) from None
    if top is not None and not isinstance(top, yaml.SequenceStartEvent):
        raise BackupError(
            f"{path.name} is not a readable archive backup: it is YAML, but not a "
            "list of records (each with model, pk and fields)."
        )
    if not records:
        raise BackupError(
            f"{path.name} is empty: it holds no records. A backup written by "
            "export_archive holds at least the archive's accounts and records."
        )


def reason(error: BaseException) -> str:
    """Return the message of error, or of the first error it was raised from that has one.

    Django's loaddata raises DeserializationError() without a message, from the real one.
    """
    messages = []
    while error is not None:
        text = " ".join(str(error).split())
        if text and not any(text in message for message in messages):
            messages.append(text)
        error = error.__cause__ or error.__context__
    return ": ".join(messages) or "unknown error"
