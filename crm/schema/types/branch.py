import graphene

from crm.schema.types.common import id_resolver


class Branch(graphene.ObjectType):
    """A clinic location; `code` is what the queue and order fields take as `branch`."""

    id = graphene.ID(required=True)
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    address = graphene.String(required=True)
    phone = graphene.String(required=True, description="International format, empty when unknown.")

    resolve_id = id_resolver("Branch")

    def resolve_phone(branch, info):
        return branch.phone.as_international if branch.phone else ""
