"""`{% followups_due city %}`: the city's open evaluation follow-ups, for its dashboard (signed-in users)."""

from django import template

from kotacerdas.evaluation import selectors

register = template.Library()


@register.inclusion_tag("evaluation/_followups_due.html", takes_context=True)
def followups_due(context, city):
    user = context["request"].user
    shown = user.is_authenticated
    return {"city": city, "shown": shown, "follow_ups": selectors.follow_ups_due(city) if shown else []}
