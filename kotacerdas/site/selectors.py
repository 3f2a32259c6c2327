"""Reads for the site's own pages, across the domain apps."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.alignment.models import PlanDocument
from kotacerdas.bimtek.models import Workshop
from kotacerdas.cities.models import Body, City, Commitment, Opd, Stakeholder
from kotacerdas.cities.selectors import city_summaries, count_per_city
from kotacerdas.masterplan.models import Masterplan, Mission
from kotacerdas.programmes.models import Programme
from kotacerdas.readiness.models import SwotItem


def home_cities(user) -> QuerySet:
    """The cities of the home page: the city summaries with their number of programmes."""
    return city_summaries(user).annotate(n_programmes=count_per_city(Programme, "masterplan__city"))


def next_steps(city) -> list[dict]:
    """The city's way through the programme (the usual order, not a rule): each step with whether
    something is recorded and the page where it is done; one query whatever the city's size."""

    counts = (
        City.objects.filter(pk=city.pk)
        .annotate(
            n_opds=count_per_city(Opd, "city"),
            n_bodies=count_per_city(Body, "city"),
            n_stakeholders=count_per_city(Stakeholder, "city"),
            n_plans=count_per_city(Masterplan, "city"),
            n_workshops=count_per_city(Workshop, "masterplan__city"),
            n_swot=count_per_city(SwotItem, "masterplan__city"),
            n_missions=count_per_city(Mission, "masterplan__city"),
            n_programmes=count_per_city(Programme, "masterplan__city"),
            n_official_plans=count_per_city(PlanDocument, "city"),
            n_commitments=count_per_city(Commitment, "city"),
            n_legalised=count_per_city(Masterplan, "city", regulation_number__gt=""),
        )
        .values()
        .get()
    )
    code = city.code
    steps = [
        ("opds", _("Record the departments (OPD)"), "cities:opd_list"),
        ("bodies", _("Form the council, team and forum"), "cities:body_list"),
        ("stakeholders", _("Record the stakeholders"), "cities:stakeholder_list"),
        ("plans", _("Start the masterplan record (its period)"), "masterplan:detail"),
        ("workshops", _("Plan the four bimtek"), "bimtek:list"),
        ("swot", _("Analyse readiness (SWOT and gaps)"), "readiness:overview"),
        ("missions", _("Write the vision, missions and objectives"), "masterplan:vision"),
        ("programmes", _("Record the programmes"), "programmes:list"),
        ("official_plans", _("Link the official plans (RPJMD, Renstra)"), "alignment:plans"),
        ("commitments", _("Sign the commitment"), "cities:commitment_list"),
        ("legalised", _("Legalise the masterplan (Perwali/Perbup)"), "masterplan:detail"),
    ]
    result = [{"key": key, "label": label, "done": counts[f"n_{key}"] > 0, "url": reverse(name, args=[code])} for key, label, name in steps]
    first_open = next((step for step in result if not step["done"]), None)
    for step in result:
        step["next"] = step is first_open
    return result
