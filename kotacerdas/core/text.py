"""Text as people type it, made safe to store: one normal form, no invisible or control characters."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _

# Line breaks and tabs are content; every other control character is not.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def clean_text(value: str) -> str:
    """NFC-normalised text without zero-width/format characters.

    Raises ValueError (with a translated message) for a lone surrogate or a control character
    such as NUL, which no database column should hold.
    """
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":
            raise ValueError(_("The text contains an invalid character (a lone UTF-16 surrogate)."))
        if category == "Cc" and ch not in _ALLOWED_CONTROLS:
            raise ValueError(_("The text contains a control character (U+%(code)04X).") % {"code": ord(ch)})
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFC", value)


def clean_data(value):
    """`clean_text` applied to every string inside parsed JSON (dicts, lists, strings)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value


def too_long(field: str, limit: int, length: int) -> str:
    """The one message of a text over its limit, on pages and in the API: it names the field and the limit."""
    return _("%(field)s: at most %(limit)d characters are allowed; this has %(length)d.") % {
        "field": field,
        "limit": limit,
        "length": length,
    }


def text_limit() -> int:
    """The longest text a field without a length of its own (a TextField) accepts."""
    from django.conf import settings

    return settings.TEXT_MAX_LENGTH


_NUMERALS = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number: int) -> str:
    """A number as the programme writes stages, workshops and chapters (Tahap III, Bimtek IV, BAB II)."""
    out = ""
    for value, letters in _NUMERALS:
        while number >= value:
            out += letters
            number -= value
    return out
