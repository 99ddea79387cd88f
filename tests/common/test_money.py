"""Rupiah amounts: exact conversion and the `Rp 1.250.000` display."""

from decimal import Decimal, InvalidOperation

import pytest

from common.money import format_rupiah, to_rupiah


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Rp 0"),
        (Decimal("0"), "Rp 0"),
        (999, "Rp 999"),
        (1000, "Rp 1.000"),
        (1250000, "Rp 1.250.000"),
        (Decimal("1250000"), "Rp 1.250.000"),
        ("1250000", "Rp 1.250.000"),
        (999_999_999_999, "Rp 999.999.999.999"),
        (12_345_678_901_234_567, "Rp 12.345.678.901.234.567"),
        (-250000, "-Rp 250.000"),
        ("-1500", "-Rp 1.500"),
    ],
)
def test_format_rupiah(amount, expected):
    assert format_rupiah(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1250000.49", "Rp 1.250.000"),
        ("1250000.50", "Rp 1.250.001"),
        (Decimal("0.5"), "Rp 1"),
        ("-0.5", "-Rp 1"),
    ],
)
def test_format_rupiah_rounds_half_up(amount, expected):
    assert format_rupiah(amount) == expected


def test_format_rupiah_of_none_is_empty():
    assert format_rupiah(None) == ""


def test_format_rupiah_keeps_big_amounts_exact():
    # A float would already have lost the last digit of this amount.
    assert format_rupiah("9007199254740993") == "Rp 9.007.199.254.740.993"


@pytest.mark.parametrize("amount", [1250000.0, 0.0, -1.5])
def test_floats_are_rejected(amount):
    with pytest.raises(TypeError):
        format_rupiah(amount)
    with pytest.raises(TypeError):
        to_rupiah(amount)


def test_to_rupiah_returns_whole_decimal():
    amount = to_rupiah("350000")

    assert isinstance(amount, Decimal)
    assert amount == Decimal("350000")
    assert amount.as_tuple().exponent == 0


def test_non_numeric_string_is_rejected():
    with pytest.raises(InvalidOperation):
        to_rupiah("satu juta")
