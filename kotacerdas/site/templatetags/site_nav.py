from django import template

from kotacerdas.cities.selectors import visible_cities
from kotacerdas.site.navigation import city_menu
from kotacerdas.site.selectors import next_steps

register = template.Library()


def page_city(context):
    """The city the current page belongs to (its URL names one), or None: the page's own `city` when it
    has one, else looked up within what the visitor may see."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    code = match.kwargs.get("code") if match else None
    if not code:
        return None
    city = context.get("city")
    if getattr(city, "code", None) == code:
        return city
    return visible_cities(request.user).filter(region_id=code).select_related("region").first()


@register.inclusion_tag("site/_city_nav.html", takes_context=True)
def city_navigation(context):
    """The city's sections on every page of a city, for every role that may see it."""
    city = page_city(context)
    if city is None:
        return {"city": None}
    request = context["request"]
    view_name = request.resolver_match.view_name
    steps = next_steps(city) if view_name == "cities:dashboard" and request.user.is_authenticated else None
    return {"city": city, "groups": city_menu(city.code, view_name), "request": request, "steps": steps}
