"""Helpers shared by the service modules."""

from django.db import models

from crm.errors import CrmError


def lock(model: type[models.Model], pk: int, *, label) -> models.Model:
    """Fetch the row with `pk` locked for update until the transaction ends.

    NOTE: SQLite ignores FOR UPDATE. It lets one transaction write at a time, so a
    concurrent writer there fails with "database is locked" instead of waiting its turn.
    The concurrency guarantees are tested on PostgreSQL only.
    """
    instance = model.objects.select_for_update().filter(pk=pk).first()
    if instance is None:
        raise CrmError("not_found", object=label)
    return instance


def validate_choice(value: str, choices: type[models.TextChoices], *, field: str) -> str:
    if value not in choices.values:
        raise CrmError("choice_invalid", field=field, value=value)
    return value
