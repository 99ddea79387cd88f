"""Shared mutation plumbing: service calls in one transaction, CrmError turned into payload errors.

A CrmError (a rule rejected the input) becomes `errors: [{field code message}]` with nothing
written. CrmPermissionDenied (the caller's role lacks the right) becomes a top-level FORBIDDEN
error, as does a signed-in account without a customer profile on a customer-only mutation.
"""

import graphene
from django.db import transaction
from graphene.utils.str_converters import to_camel_case

from common.graphql.errors import MutationError, error, not_found
from crm.errors import CrmError, CrmPermissionDenied
from crm.schema.access import forbidden


def errors_field():
    return graphene.List(
        graphene.NonNull(MutationError), required=True, description="Empty on success; nothing was changed otherwise."
    )


def from_crm_error(crm_error: CrmError) -> MutationError:
    field = to_camel_case(crm_error.field) if crm_error.field else None
    return MutationError(field=field, code=crm_error.code, message=crm_error.message)


def run_service(info, payload_class, work):
    """Call `work()` in a transaction and return its payload, or the payload with the errors.

    `work` returns a dict of payload fields; a CrmError it raises rolls everything back.
    """
    try:
        with transaction.atomic():
            result = work()
    except CrmPermissionDenied as denied:
        raise forbidden(info, f"service rejected the action ({denied.code})") from None
    except CrmError as crm_error:
        return payload_class(errors=[from_crm_error(crm_error)])
    if isinstance(result, MutationError):
        return payload_class(errors=[result])
    return payload_class(errors=[], **result)


__all__ = ["error", "errors_field", "from_crm_error", "not_found", "run_service"]
