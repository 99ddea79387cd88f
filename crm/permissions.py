"""Predicates for what a staff user may do, based on Django permissions.

Roles are Django groups carrying permissions (see crm.roles), so these checks also hold for
superusers and for any custom group a manager builds in the admin.
"""

import logging

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from crm.errors import CrmPermissionDenied

logger = logging.getLogger(__name__)


def _has(user, permission: str) -> bool:
    if user is None or isinstance(user, AnonymousUser) or not user.is_active:
        return False
    return user.has_perm(permission)


def can_take_queue_numbers(user) -> bool:
    return _has(user, "crm.add_queueticket")


def can_operate_queue(user) -> bool:
    """Call, recall, skip and change the status of tickets."""
    return _has(user, "crm.change_queueticket")


def can_operate_rooms(user) -> bool:
    """Start and finish treatments and change room status."""
    return _has(user, "crm.change_treatmentroom")


def can_view_customers(user) -> bool:
    return _has(user, "crm.view_customer")


def can_edit_customers(user) -> bool:
    return _has(user, "crm.change_customer")


def can_register_customers(user) -> bool:
    return _has(user, "crm.add_customer")


def can_view_treatment_records(user) -> bool:
    """See treatment records at all; which ones is decided by crm.selectors."""
    return _has(user, "crm.view_treatmentrecord")


def can_view_all_treatment_records(user) -> bool:
    return _has(user, "crm.view_all_treatmentrecords")


def can_write_treatment_records(user) -> bool:
    return _has(user, "crm.add_treatmentrecord")


def can_sign_treatment_records(user) -> bool:
    return _has(user, "crm.sign_treatmentrecord")


def can_add_addenda(user) -> bool:
    return _has(user, "crm.add_recordaddendum")


def can_add_treatment_photos(user) -> bool:
    return _has(user, "crm.add_treatmentphoto")


def can_view_record_access_log(user) -> bool:
    return _has(user, "crm.view_recordaccesslog")


def can_view_products(user) -> bool:
    return _has(user, "crm.view_product")


def can_add_products(user) -> bool:
    return _has(user, "crm.add_product")


def can_manage_products(user) -> bool:
    """Edit products and adjust their stock."""
    return _has(user, "crm.change_product")


def can_place_orders(user) -> bool:
    """Place orders for any customer (staff); customers may still order for themselves online."""
    return _has(user, "crm.add_order")


def can_change_orders(user) -> bool:
    return _has(user, "crm.change_order")


def can_view_orders(user) -> bool:
    return _has(user, "crm.view_order")


def can_issue_vouchers(user) -> bool:
    return _has(user, "crm.add_voucher")


def can_view_vouchers(user) -> bool:
    return _has(user, "crm.view_voucher")


def can_redeem_vouchers(user) -> bool:
    return _has(user, "crm.add_voucherredemption")


def is_customer_account_of(user, customer) -> bool:
    """Return whether `user` is the online account linked to `customer`."""
    return (
        user is not None
        and not isinstance(user, AnonymousUser)
        and user.is_active
        and customer is not None
        and customer.user_id is not None
        and customer.user_id == user.pk
    )


def require(user, allowed: bool, action) -> None:
    """Raise CrmPermissionDenied naming `action` (lazy translatable text) unless `allowed`."""
    if allowed:
        return
    with translation.override(None):
        logger.warning("Permission denied: user %s may not %s", getattr(user, "pk", None), str(action))
    raise CrmPermissionDenied(action)
