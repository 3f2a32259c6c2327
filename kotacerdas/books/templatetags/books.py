"""`{% book_downloads masterplan as books %}`: the books × formats × languages of a masterplan, for
`books/_downloads.html` (so the including page needs only `city` and `masterplan` in its context)."""

from django import template

from kotacerdas.books import selectors

register = template.Library()


@register.simple_tag
def book_downloads(masterplan):
    return selectors.downloads(masterplan) if masterplan else []
