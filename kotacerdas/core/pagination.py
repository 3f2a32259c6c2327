from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int | None = None, param: str = "page"):
    """One page of a long list; `param` is its page parameter (two lists can share a page).
    A page out of range gives the last page. Render it with `core/_pagination.html`."""
    page = Paginator(queryset, per_page or settings.PAGE_SIZE).get_page(request.GET.get(param))
    page.param = param
    return page
