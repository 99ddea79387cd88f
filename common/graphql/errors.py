"""Typed mutation errors: a user's mistake is data in the payload, not a top-level GraphQL error.

Every mutation payload has `errors: [MutationError!]!`; an empty list means success. `code` is a
stable snake_case identifier clients can branch on, `message` is translated into the request's
language, and `field` names the input field at fault (camelCase), or is null for the whole input.
Missing authentication or permission on an object stays a top-level error (or "not found").
"""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext


class MutationError(graphene.ObjectType):
    field = graphene.String(description="Input field at fault, camelCase; null when the input as a whole is wrong.")
    code = graphene.String(required=True, description="Stable snake_case error code, e.g. voucher_expired.")
    message = graphene.String(required=True, description="Explanation in the request's language.")


def to_camel_case(name: str | None) -> str | None:
    if not name:
        return None
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def errors_from_validation(error: ValidationError) -> list[MutationError]:
    """Turn a Django ValidationError (field dict or plain list) into mutation errors."""
    if hasattr(error, "error_dict"):
        return [
            MutationError(
                field=None if field == "__all__" else to_camel_case(field),
                code=item.code or "invalid",
                message=" ".join(item.messages),
            )
            for field, items in error.error_dict.items()
            for item in items
        ]
    return [MutationError(field=None, code=item.code or "invalid", message=" ".join(item.messages)) for item in error.error_list]


def error(code: str, message: str, field: str | None = None) -> MutationError:
    return MutationError(field=to_camel_case(field), code=code, message=message)


def not_found(field: str | None = None) -> MutationError:
    """Return the same error for an object that does not exist and for one the caller may not see."""
    return error("not_found", gettext("Not found."), field)
