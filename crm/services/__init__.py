"""Business rules of the clinic operations; every function runs in one transaction.

Each function takes keyword-only arguments, with the acting user as `actor`, checks the
actor's role and raises crm.errors.CrmError (or CrmPermissionDenied) without writing anything
when a rule rejects the request.
"""

from crm.services.customers import parse_phone, register_customer, set_customer_consents, update_customer
from crm.services.orders import (
    OrderLine,
    OrderQuote,
    cancel_order,
    next_order_number,
    place_order,
    quote_order,
    set_order_status,
)
from crm.services.products import adjust_stock, create_product, update_product
from crm.services.queue import (
    call_next_ticket,
    queue_prefix_for,
    recall_ticket,
    set_ticket_status,
    skip_ticket,
    take_queue_number,
)
from crm.services.records import (
    add_addendum,
    add_treatment_photo,
    create_treatment_record,
    log_record_access,
    open_treatment_photo,
    open_treatment_record,
    sign_treatment_record,
    update_treatment_record,
)
from crm.services.rooms import finish_treatment, set_room_status, start_treatment
from crm.services.vouchers import (
    find_voucher,
    generate_voucher_code,
    issue_voucher,
    normalize_voucher_code,
    redeem_voucher,
    validate_voucher,
)

__all__ = [
    "OrderLine",
    "OrderQuote",
    "add_addendum",
    "add_treatment_photo",
    "adjust_stock",
    "call_next_ticket",
    "cancel_order",
    "create_product",
    "create_treatment_record",
    "find_voucher",
    "finish_treatment",
    "generate_voucher_code",
    "issue_voucher",
    "log_record_access",
    "next_order_number",
    "normalize_voucher_code",
    "open_treatment_photo",
    "open_treatment_record",
    "parse_phone",
    "place_order",
    "queue_prefix_for",
    "quote_order",
    "recall_ticket",
    "redeem_voucher",
    "register_customer",
    "set_customer_consents",
    "set_order_status",
    "set_room_status",
    "set_ticket_status",
    "sign_treatment_record",
    "skip_ticket",
    "start_treatment",
    "take_queue_number",
    "update_customer",
    "update_product",
    "update_treatment_record",
    "validate_voucher",
]
