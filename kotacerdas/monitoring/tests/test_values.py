"""Numbers typed by people: Indonesian formats first, English where unambiguous, nothing else."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.monitoring.values import NotANumber, format_id, parse_number


@pytest.mark.parametrize(
    "text, number, percent",
    [
        ("1.234,5", Decimal("1234.5"), False),
        ("1,234.5", Decimal("1234.5"), False),
        ("75%", Decimal(75), True),
        ("75 %", Decimal(75), True),
        ("12,5%", Decimal("12.5"), True),
        ("3,5", Decimal("3.5"), False),
        ("3.5", Decimal("3.5"), False),
        ("1.234", Decimal(1234), False),  # Indonesian first: a dot before three digits groups thousands
        ("1,234", Decimal("1.234"), False),  # … and a single comma is the decimal comma
        ("1.234.567", Decimal(1234567), False),
        ("1,234,567", Decimal(1234567), False),
        ("1.250.000.000", Decimal(1250000000), False),
        ("-2,5", Decimal("-2.5"), False),
        ("0", Decimal(0), False),
        (" 42 ", Decimal(42), False),
        ("1 234,5", Decimal("1234.5"), False),
    ],
)
def test_accepted_formats(text, number, percent):
    assert parse_number(text) == (number, percent)


@pytest.mark.parametrize(
    "text", ["N/A", "-", "lihat lampiran", "", "1.23.4", "1,2.3,4", "12a", "%", "1..2", ",5", "5,", "1.234,5.6", "--1"]
)
def test_refused(text):
    with pytest.raises(NotANumber):
        parse_number(text)


def _english(value: Decimal) -> str:
    whole, _, fraction = format(abs(value), "f").partition(".")
    grouped = f"{int(whole):,}"
    return ("-" if value < 0 else "") + grouped + ("." + fraction if fraction else "")


decimals = st.decimals(
    min_value=Decimal("-999999999999"), max_value=Decimal("999999999999"), places=4, allow_nan=False, allow_infinity=False
)


@given(decimals)
def test_indonesian_round_trip(value):
    assert parse_number(format_id(value))[0] == value


@given(decimals)
def test_indonesian_with_percent_round_trip(value):
    assert parse_number(format_id(value) + "%") == (value, True)


@given(decimals.filter(lambda d: d != d.to_integral_value() or abs(d) >= 1000))
def test_english_round_trip_with_both_separators_or_groups(value):
    text = _english(value)
    if "," not in text or "." not in text:
        return  # "1.5" or "1,234" alone: ambiguous, read the Indonesian way (see test_accepted_formats)
    assert parse_number(text)[0] == value


def test_format_id():
    assert format_id(Decimal("1234567.50")) == "1.234.567,5"
    assert format_id(Decimal("90.00"), places=2) == "90,00"
