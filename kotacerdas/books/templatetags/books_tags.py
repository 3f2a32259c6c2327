from django import template

from kotacerdas.books.diff import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """`Rp 1.250.000.000` in the active language's grouping."""
    return _rupiah(value)


@register.filter
def signed_rupiah(value) -> str:
    """A difference: `+Rp 100.000.000`, `−Rp 5.000.000`, `Rp 0`."""
    value = int(value or 0)
    if value > 0:
        return f"+{_rupiah(value)}"
    if value < 0:
        return f"−{_rupiah(-value)}"
    return _rupiah(0)
