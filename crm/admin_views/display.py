"""Formatting helpers for the clinic screens."""

from phonenumber_field.phonenumber import PhoneNumber

HOME_COUNTRY_CODE = 62  # Indonesia


def format_phone(phone: PhoneNumber | None) -> str:
    """Write Indonesian numbers as staff dial them (0812-…), foreign ones with their country code."""
    if not phone:
        return ""
    if phone.country_code == HOME_COUNTRY_CODE:
        return phone.as_national
    return phone.as_international


def visitor_name(ticket) -> str:
    """Return the customer's name of a ticket, else its walk-in name (needs `customer` loaded)."""
    if ticket.customer_id:
        return ticket.customer.full_name
    return ticket.walk_in_name


def staff_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()
