"""Small shared pieces of the CRM types: opaque ids and choice labels."""

import graphene

from crm.schema.access import global_id


class StatusChange(graphene.ObjectType):
    """One step in the status history of a ticket or an order."""

    from_status = graphene.String(description="Empty for the first step.")
    to_status = graphene.String(required=True)
    changed_at = graphene.DateTime(required=True)
    note = graphene.String(required=True)


def id_resolver(type_name: str):
    def resolve_id(obj, info):
        return global_id(type_name, obj.pk)

    return resolve_id


def label_of(choices, value) -> str:
    """Return the translated label of a choice value, or the value itself when unknown."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""
