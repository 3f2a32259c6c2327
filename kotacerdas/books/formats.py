"""Numbers, money and dates as the books print them: Indonesian (`Rp 1.250.000.000`, `15 Oktober 2019`)
or English (`Rp 1,250,000,000`, `15 October 2019`), whatever the active language of the request."""

from __future__ import annotations

import datetime
from decimal import Decimal

MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}


def number(value, lang: str, decimals: int = 0) -> str:
    """1250000 → "1.250.000" (id) / "1,250,000" (en); `decimals` digits after the separator."""
    if value is None:
        return ""
    value = Decimal(value)
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def plain(value, lang: str) -> str:
    """A target such as 12.50 → "12,5" (id) / "12.5" (en): no trailing zeros."""
    if value is None:
        return ""
    value = Decimal(value).normalize()
    decimals = max(-value.as_tuple().exponent, 0)
    return number(value, lang, decimals)


def rupiah(value, lang: str) -> str:
    return f"Rp {number(value or 0, lang)}"


def date(value: datetime.date | None, lang: str) -> str:
    """15 Oktober 2019 / 15 October 2019."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"


def period(start: int, end: int) -> str:
    return f"{start}–{end}"
