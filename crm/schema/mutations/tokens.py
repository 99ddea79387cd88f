"""Bearer API tokens of the signed-in user, for apps and kiosks."""

import datetime

import graphene
from django.utils.translation import gettext

from common.api_tokens import DEFAULT_LIFETIME, MAX_LIFETIME, create_api_token, revoke_api_token, tokens_of
from crm.schema.access import decode_id, require_user
from crm.schema.mutations.base import error, errors_field, not_found, run_service
from crm.schema.types.token import ApiToken


class CreateApiToken(graphene.Mutation):
    """Create a token; `secret` is shown only in this response, so store it right away."""

    class Arguments:
        name = graphene.String(required=True, description="What the token is for, e.g. Front desk kiosk.")
        lifetime_days = graphene.Int(
            description=f"Days until it expires; {DEFAULT_LIFETIME.days} when omitted, at most {MAX_LIFETIME.days}."
        )

    token = graphene.Field(ApiToken)
    secret = graphene.String(description="Send as `Authorization: Bearer <secret>`.")
    errors = errors_field()

    def mutate(root, info, name, lifetime_days=None):
        user = require_user(info)

        def work():
            if lifetime_days is not None and not 1 <= lifetime_days <= MAX_LIFETIME.days:
                return error(
                    "lifetime_invalid",
                    gettext("The lifetime must be between 1 and %(max)s days.") % {"max": MAX_LIFETIME.days},
                    "lifetime_days",
                )
            if not name.strip():
                return error("name_required", gettext("Name the token so you can recognise it later."), "name")
            lifetime = datetime.timedelta(days=lifetime_days) if lifetime_days else None
            token, secret = create_api_token(user=user, name=name, lifetime=lifetime)
            return {"token": tokens_of(user).get(pk=token.pk), "secret": secret}

        return run_service(info, CreateApiToken, work)


class RevokeApiToken(graphene.Mutation):
    """Revoke one of the caller's tokens; requests with it get 401 from then on."""

    class Arguments:
        id = graphene.ID(required=True)

    token = graphene.Field(ApiToken)
    errors = errors_field()

    def mutate(root, info, id):
        user = require_user(info)

        def work():
            pk = decode_id(id, "ApiToken")
            token = tokens_of(user).filter(pk=pk).first() if pk else None
            if token is None:
                return not_found("id")
            revoke_api_token(token=token, actor=user)
            return {"token": tokens_of(user).get(pk=token.pk)}

        return run_service(info, RevokeApiToken, work)
