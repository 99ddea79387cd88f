"""Issuing vouchers (marketing and managers)."""

import graphene

from crm import services
from crm.schema.access import customers_visible_to, find_visible, require_user
from crm.schema.mutations.base import errors_field, not_found, run_service
from crm.schema.types.voucher import Voucher


class IssueVoucherInput(graphene.InputObjectType):
    kind = graphene.String(required=True, description="percent or amount.")
    valid_until = graphene.Date(required=True)
    valid_from = graphene.Date(description="Today when omitted.")
    code = graphene.String(description="Generated when omitted.")
    description = graphene.String()
    percent = graphene.Decimal()
    amount = graphene.Decimal(description="Whole Rupiah.")
    max_discount = graphene.Decimal()
    min_spend = graphene.Decimal()
    scope = graphene.String(description="treatments, products or all (default).")
    usage_limit = graphene.Int()
    per_customer_limit = graphene.Int(description="1 when omitted.")
    owner_id = graphene.ID(description="Customer who alone may use it, e.g. for a birthday voucher.")


class IssueVoucher(graphene.Mutation):
    class Arguments:
        input = IssueVoucherInput(required=True)

    voucher = graphene.Field(Voucher)
    errors = errors_field()

    def mutate(root, info, input):
        user = require_user(info)

        def work():
            values = dict(input)
            owner = None
            owner_id = values.pop("owner_id", None)
            if owner_id:
                owner = find_visible(customers_visible_to(user), owner_id, "Customer")
                if owner is None:
                    return not_found("owner_id")
            values = {name: value for name, value in values.items() if value is not None}
            return {"voucher": services.issue_voucher(actor=user, owner=owner, **values)}

        return run_service(info, IssueVoucher, work)
