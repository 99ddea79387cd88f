"""The export of everything held about one customer (their right of access to personal data).

Staff-only fields such as notes are included: the customer is entitled to them. Treatment
photos are listed with short-lived links rather than embedded.
"""

from common.api_tokens import tokens_of
from common.private_media import private_file_url
from crm.models import Customer


def _iso(value):
    return value.isoformat() if value is not None else None


def _money(value):
    return str(value) if value is not None else None


def customer_export(customer: Customer, *, request=None) -> dict:
    customer = Customer.objects.select_related("user").get(pk=customer.pk)
    user = customer.user
    tickets = customer.queue_tickets.select_related("branch").prefetch_related("status_changes").order_by("created_at")
    records = (
        customer.treatment_records.select_related("branch", "practitioner")
        .prefetch_related("addenda__author", "photos")
        .order_by("performed_at")
    )
    orders = customer.orders.select_related("branch", "voucher").prefetch_related("items", "status_changes").order_by("placed_at")
    redemptions = customer.voucher_redemptions.select_related("voucher", "order", "ticket").order_by("redeemed_at")
    # NOTE: testimonials are stored without a link to the customer, so they cannot be exported.
    return {
        "profile": {
            "memberCode": customer.member_code,
            "fullName": customer.full_name,
            "phone": customer.phone.as_e164 if customer.phone else "",
            "email": customer.email,
            "birthDate": _iso(customer.birth_date),
            "sex": customer.sex,
            "skinType": customer.skin_type,
            "allergies": customer.allergies,
            "notes": customer.notes,
            "createdAt": _iso(customer.created_at),
            "updatedAt": _iso(customer.updated_at),
        },
        "consents": {
            "marketing": customer.marketing_consent,
            "marketingGivenAt": _iso(customer.marketing_consent_at),
            "photo": customer.photo_consent,
            "photoGivenAt": _iso(customer.photo_consent_at),
        },
        "account": {
            "username": user.get_username() if user else None,
            "email": user.email if user else None,
            "dateJoined": _iso(user.date_joined) if user else None,
            "lastLogin": _iso(user.last_login) if user else None,
            "apiTokens": [
                {"name": token.name, "created": _iso(token.created), "revokedAt": _iso(token.revoked_at)}
                for token in (tokens_of(user) if user else [])
            ],
        },
        "queueTickets": [
            {
                "number": ticket.display_number,
                "branch": ticket.branch.name,
                "serviceDate": _iso(ticket.service_date),
                "serviceName": ticket.service_name,
                "servicePrice": _money(ticket.service_price),
                "source": ticket.source,
                "status": ticket.status,
                "notes": ticket.notes,
                "createdAt": _iso(ticket.created_at),
                "statusHistory": [
                    {"from": change.from_status, "to": change.to_status, "at": _iso(change.changed_at), "note": change.note}
                    for change in ticket.status_changes.all()
                ],
            }
            for ticket in tickets
        ],
        "treatmentRecords": [
            {
                "performedAt": _iso(record.performed_at),
                "branch": record.branch.name,
                "serviceName": record.service_name,
                "servicePrice": _money(record.service_price),
                "practitioner": record.practitioner.get_full_name() or record.practitioner.get_username(),
                "complaint": record.complaint,
                "skinAssessment": record.skin_assessment,
                "treatmentPerformed": record.treatment_performed,
                "productsUsed": record.products_used,
                "advice": record.advice,
                "nextVisitOn": _iso(record.next_visit_on),
                "signedAt": _iso(record.signed_at),
                "addenda": [
                    {"text": addendum.text, "createdAt": _iso(addendum.created_at)} for addendum in record.addenda.all()
                ],
                "photos": [
                    {
                        "kind": photo.kind,
                        "caption": photo.caption,
                        "uploadedAt": _iso(photo.uploaded_at),
                        "url": private_file_url(photo.image, user, request=request) if photo.image else None,
                    }
                    for photo in record.photos.all()
                ],
            }
            for record in records
        ],
        "orders": [
            {
                "number": order.number,
                "branch": order.branch.name,
                "channel": order.channel,
                "status": order.status,
                "paymentMethod": order.payment_method,
                "subtotal": _money(order.subtotal),
                "promotionDiscount": _money(order.promotion_discount),
                "voucherCode": order.voucher.code if order.voucher_id else None,
                "voucherDiscount": _money(order.voucher_discount),
                "total": _money(order.total),
                "notes": order.notes,
                "placedAt": _iso(order.placed_at),
                "items": [
                    {
                        "productName": item.product_name,
                        "sku": item.product_sku,
                        "unitPrice": _money(item.unit_price),
                        "quantity": item.quantity,
                        "promotionTitle": item.promotion_title,
                        "promotionDiscount": _money(item.promotion_discount),
                    }
                    for item in order.items.all()
                ],
                "statusHistory": [
                    {"from": change.from_status, "to": change.to_status, "at": _iso(change.changed_at), "note": change.note}
                    for change in order.status_changes.all()
                ],
            }
            for order in orders
        ],
        "voucherUses": [
            {
                "code": redemption.voucher.code,
                "discount": _money(redemption.discount_amount),
                "redeemedAt": _iso(redemption.redeemed_at),
                "releasedAt": _iso(redemption.released_at),
                "orderNumber": redemption.order.number if redemption.order_id else None,
                "ticketNumber": redemption.ticket.display_number if redemption.ticket_id else None,
            }
            for redemption in redemptions
        ],
        "personalVouchers": [
            {"code": voucher.code, "description": voucher.description, "validUntil": _iso(voucher.valid_until)}
            for voucher in customer.personal_vouchers.order_by("valid_until")
        ],
    }
