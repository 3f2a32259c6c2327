"""Reading and writing indicator values: Indonesian formats first (`1.234,5`, `75%`), English ones where unambiguous.

Rules for a number typed by a person:
- both `.` and `,` present: the last one is the decimal separator, the other groups thousands
  (`1.234,5` and `1,234.5` are both 1234.5);
- only `,`: one comma is the Indonesian decimal comma (`3,5`, `1,234` = 1.234); several commas group
  thousands (`1,234,567`);
- only `.`: several dots, or one dot followed by exactly three digits, group thousands (`1.234` =
  1234, Indonesian first); otherwise the dot is a decimal point (`3.5`, `0.75`);
- a trailing `%` is allowed (a percentage); spaces (also non-breaking) between digit groups are ignored;
- anything else (`N/A`, `-`, `lihat lampiran`) is not a number.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = re.compile(r"^\d+$")
YES = {"ya", "yes", "y", "1", "true", "sudah", "ada"}
NO = {"tidak", "no", "n", "0", "false", "belum", "tidak ada"}


class NotANumber(ValueError):
    pass


def _grouped(text: str, sep: str) -> bool:
    return re.match(r"^\d{1,3}(?:" + re.escape(sep) + r"\d{3})+$", text) is not None


def parse_number(text) -> tuple[Decimal, bool]:
    """The Decimal a person meant, and whether they wrote it as a percentage; `NotANumber` otherwise."""
    if isinstance(text, Decimal | int):
        return Decimal(text), False
    raw = str(text or "").strip()
    percent = raw.endswith("%")
    if percent:
        raw = raw[:-1].strip()
    raw = raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    sign = ""
    if raw[:1] in {"-", "+", "\u2212"}:
        sign, raw = ("-" if raw[0] != "+" else ""), raw[1:]
    if not raw or not raw[0].isdigit() or not raw[-1].isdigit():
        raise NotANumber(text)
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, fraction = raw.rpartition(decimal_sep)
        if raw.count(decimal_sep) != 1 or not _grouped(whole, group_sep) or not _DIGITS.match(fraction):
            raise NotANumber(text)
        number = whole.replace(group_sep, "") + "." + fraction
    elif commas:
        if commas == 1:
            whole, _, fraction = raw.partition(",")
            if not (_DIGITS.match(whole) and _DIGITS.match(fraction)):
                raise NotANumber(text)
            number = whole + "." + fraction
        elif _grouped(raw, ","):
            number = raw.replace(",", "")
        else:
            raise NotANumber(text)
    elif dots:
        whole, _, fraction = raw.rpartition(".")
        if dots > 1 or len(fraction) == 3:
            if not _grouped(raw, "."):
                raise NotANumber(text)
            number = raw.replace(".", "")
        else:
            if not (_DIGITS.match(whole) and _DIGITS.match(fraction)):
                raise NotANumber(text)
            number = raw
    else:
        if not _DIGITS.match(raw):
            raise NotANumber(text)
        number = raw
    try:
        return Decimal(sign + number), percent
    except InvalidOperation as exc:  # pragma: no cover - the patterns above admit only digits
        raise NotANumber(text) from exc


def parse_yes_no(text) -> Decimal:
    value = str(text or "").strip().lower()
    if value in YES:
        return Decimal(1)
    if value in NO:
        return Decimal(0)
    raise NotANumber(text)


def format_id(value: Decimal | None, *, places: int | None = None) -> str:
    """`1234.5` → `1.234,5` (Indonesian grouping, trailing zeros of the fraction dropped)."""
    if value is None:
        return "–"
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    sign = "-" if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, fraction = text.partition(".")
    if places is None:
        fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def display(indicator, number: Decimal | None, text: str = "") -> str:
    """A value as the pages show it, with the indicator's unit."""
    from kotacerdas.monitoring.models import Indicator

    if indicator.value_type == Indicator.ValueType.TEXT:
        return text or "–"
    if number is None:
        return "–"
    if indicator.value_type == Indicator.ValueType.YES_NO:
        from django.utils.translation import gettext as _

        return _("yes") if number else _("no")
    shown = format_id(number)
    if indicator.value_type == Indicator.ValueType.PERCENTAGE:
        return f"{shown} %"
    return f"{shown} {indicator.unit}".strip()
