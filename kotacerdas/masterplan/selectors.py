"""Reads of masterplans."""
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.masterplan.models import Masterplan


def current_masterplan(city) -> Masterplan | None:
    """The city's newest masterplan (the one being drafted or implemented)."""
    return city.masterplans.order_by("-start_year").first()


def masterplan_or_404(city, masterplan_id: int | None = None) -> Masterplan:
    """A masterplan of this city (the current one when no id is given)."""
    plan = city.masterplans.filter(pk=masterplan_id).first() if masterplan_id else current_masterplan(city)
    if plan is None:
        raise Http404(_("%(city)s has no masterplan yet.") % {"city": city.name})
    return plan
