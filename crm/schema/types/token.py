import graphene

from crm.schema.types.common import id_resolver


class ApiToken(graphene.ObjectType):
    """A bearer token of the signed-in user; the secret itself is shown only once, at creation."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    expires_at = graphene.DateTime()
    last_used_at = graphene.DateTime()
    revoked_at = graphene.DateTime()
    is_active = graphene.Boolean(required=True, description="False once revoked or expired.")

    resolve_id = id_resolver("ApiToken")

    def resolve_created_at(token, info):
        return token.created

    def resolve_expires_at(token, info):
        expiry = getattr(token, "expiry", None)
        return expiry.expires_at if expiry else None

    def resolve_is_active(token, info):
        from django.utils import timezone

        expiry = getattr(token, "expiry", None)
        return token.revoked_at is None and expiry is not None and expiry.expires_at > timezone.now()
