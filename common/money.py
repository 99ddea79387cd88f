"""Rupiah amounts: exact Decimals with no minor unit, shown the Indonesian way (`Rp 1.250.000`)."""

from decimal import ROUND_HALF_UP, Decimal

RUPIAH_DIGITS = 12  # up to Rp 999.999.999.999, far above any clinic bill


def to_rupiah(value) -> Decimal:
    """Convert a number to whole Rupiah, rounding half up; floats are rejected to keep money exact."""
    if isinstance(value, float):
        raise TypeError("Money must not be a float; pass a Decimal, int or str.")
    return Decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def format_rupiah(value) -> str:
    """Format an amount as `Rp 1.250.000`: dot as the thousands separator, no decimals."""
    if value is None:
        return ""
    amount = to_rupiah(value)
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(amount):,.0f}".replace(",", ".")
    return f"{sign}Rp {grouped}"
