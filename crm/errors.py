"""Domain errors of the clinic operations.

Every rule a service enforces raises `CrmError` with a stable `code` that API clients and
screens may branch on, the input `field` it concerns (or None), and a translated `message`.
The message is rendered when read, in the language active at that moment, so the same error
reads in Indonesian on an Indonesian request and in English on an /en/ one.
"""

from django.utils.translation import gettext_lazy as _

# Stable error codes and their English source messages; %(name)s placeholders come from params.
MESSAGES = {
    "permission_denied": _("You do not have permission to %(action)s."),
    "not_found": _("The %(object)s was not found."),
    # Customers
    "name_required": _("Enter the customer's full name."),
    "phone_required": _("Enter a phone number."),
    "phone_invalid": _("“%(value)s” is not a valid phone number. Use a number like 0812 3456 7890 or +62 812 3456 7890."),
    "phone_taken": _("Another customer already uses the phone number %(value)s."),
    "email_invalid": _("“%(value)s” is not a valid e-mail address."),
    "email_taken": _("Another customer already uses the e-mail address %(value)s."),
    "birth_date_invalid": _("The birth date cannot be in the future."),
    "choice_invalid": _("“%(value)s” is not a valid choice."),
    # Queue
    "branch_inactive": _("The branch %(branch)s is closed for operations."),
    "visitor_required": _("Choose a customer or enter the walk-in visitor's name."),
    "queue_prefix_invalid": _("“%(value)s” is not a valid queue prefix; use one to three capital letters."),
    "queue_empty": _("Nobody is waiting in the queue."),
    "ticket_not_today": _("Ticket %(ticket)s is for %(date)s, not today."),
    "ticket_status_invalid": _("Ticket %(ticket)s cannot go from “%(from_status)s” to “%(to_status)s”."),
    "ticket_closed": _("Ticket %(ticket)s is already %(status)s."),
    "service_unavailable": _("The service %(service)s is not offered at the moment."),
    "service_required": _("Choose the service that was performed."),
    "branch_required": _("Choose the branch."),
    "ticket_status_needs_room": _("Use start treatment or finish treatment to move ticket %(ticket)s to “%(to_status)s”."),
    # Rooms
    "room_not_available": _("Room %(room)s is not available (it is %(status)s)."),
    "room_other_branch": _("Room %(room)s belongs to another branch than ticket %(ticket)s."),
    "room_status_invalid": _("Room %(room)s cannot go from “%(from_status)s” to “%(to_status)s”."),
    # Treatment records
    "record_signed": _("This treatment record is signed and cannot be changed; add an addendum instead."),
    "record_not_signed": _("Sign the treatment record before adding an addendum; until then, edit it directly."),
    "record_incomplete": _("Fill in the treatment performed before signing."),
    "record_not_practitioner": _("Only the practitioner of this treatment record can %(action)s it."),
    "record_customer_mismatch": _("Ticket %(ticket)s belongs to another customer."),
    "record_ticket_taken": _("Ticket %(ticket)s already has a treatment record."),
    "record_field_unknown": _("“%(value)s” is not a field of a treatment record that can be edited."),
    "addendum_empty": _("Write the text of the addendum."),
    "photo_consent_missing": _("The customer has not consented to photos; record the consent first."),
    "photo_invalid": _("The file is not a valid image (JPEG, PNG or WebP)."),
    "photo_too_large": _("The photo is larger than %(limit)s MB."),
    "performed_at_required": _("Enter the date and time of the treatment."),
    "next_visit_invalid": _("The suggested next visit must be after the treatment date."),
    # Products and orders
    "order_empty": _("Add at least one product to the order."),
    "quantity_invalid": _("The quantity of %(product)s must be between 1 and %(limit)s."),
    "product_not_found": _("Product %(value)s was not found."),
    "product_inactive": _("%(product)s is no longer sold."),
    "product_out_of_stock": _("Not enough stock of %(product)s: %(available)s left, %(requested)s ordered."),
    "order_status_invalid": _("Order %(order)s cannot go from “%(from_status)s” to “%(to_status)s”."),
    "payment_method_required": _("Choose the payment method before marking order %(order)s as paid."),
    "stock_invalid": _("Stock must be a whole number of zero or more."),
    "price_invalid": _("The price must be a whole Rupiah amount of zero or more."),
    "sku_taken": _("Another product already uses the SKU %(value)s."),
    # Vouchers
    "voucher_not_found": _("There is no voucher with the code %(code)s."),
    "voucher_inactive": _("Voucher %(code)s has been switched off."),
    "voucher_not_started": _("Voucher %(code)s is valid from %(date)s."),
    "voucher_expired": _("Voucher %(code)s expired on %(date)s."),
    "voucher_used_up": _("Voucher %(code)s has been used the maximum number of times."),
    "voucher_customer_limit": _("Voucher %(code)s has already been used by this customer the maximum number of times."),
    "voucher_not_yours": _("Voucher %(code)s belongs to another customer."),
    "voucher_min_spend": _("Voucher %(code)s needs a minimum spend of %(min_spend)s; the eligible amount is %(amount)s."),
    "voucher_wrong_scope": _("Voucher %(code)s applies only to %(scope)s."),
    "voucher_no_price": _("Ticket %(ticket)s has no service price to discount."),
    "voucher_ticket_taken": _("Ticket %(ticket)s already has a voucher."),
    "voucher_code_invalid": _("“%(value)s” is not a valid voucher code; use 3 to 40 letters, digits or dashes."),
    "voucher_code_taken": _("A voucher with the code %(value)s already exists."),
    "voucher_value_invalid": _("Enter a percent between 1 and 100 or a fixed amount of at least Rp 1, matching the kind."),
    "voucher_period_invalid": _("The last valid day must not be before the first."),
    "voucher_limit_invalid": _("Limits must be whole numbers of at least 1, or empty for no limit."),
}


class CrmError(Exception):
    """A rule of the clinic operations rejected the request; nothing was written."""

    def __init__(self, code: str, /, *, field: str | None = None, **params):
        if code not in MESSAGES:
            raise ValueError(f"Unknown CRM error code {code!r}; add it to crm.errors.MESSAGES.")
        self.code = code
        self.field = field
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]) % {key: str(value) for key, value in self.params.items()}

    def __str__(self):
        return self.message

    def __repr__(self):
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r})"


class CrmPermissionDenied(CrmError):
    """The acting user's role does not allow the action."""

    def __init__(self, action: str, *, field: str | None = None):
        super().__init__("permission_denied", field=field, action=action)
