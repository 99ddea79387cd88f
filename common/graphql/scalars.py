import graphene

from common.money import format_rupiah


class Money(graphene.ObjectType):
    """An exact amount in Rupiah: `amount` is a decimal string, `display` is `Rp 1.250.000`."""

    amount = graphene.Decimal(required=True, description="Whole Rupiah as a decimal string.")
    display = graphene.String(required=True, description="Formatted for people, e.g. Rp 1.250.000.")

    @staticmethod
    def from_amount(amount):
        if amount is None:
            return None
        return Money(amount=amount, display=format_rupiah(amount))
