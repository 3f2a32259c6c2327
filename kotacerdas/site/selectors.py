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


def home_cities(user, *, cohort_id: int | None = None) -> QuerySet:
    """The cities of the home page (of one cohort when given): the city summaries with their number of
    programmes and, for a signed-in user (who is shown the next step), what each step has recorded."""
    cities = city_summaries(user, cohort_id=cohort_id)
    if not user.is_authenticated:
        return cities.annotate(n_programmes=count_per_city(Programme, "masterplan__city"))
    return with_progress(cities)


STEPS = [
    ("opds", _("Record the departments (OPD)"), "cities:opd_list", Opd, "city"),
    ("bodies", _("Form the council, team and forum"), "cities:body_list", Body, "city"),
    ("stakeholders", _("Record the stakeholders"), "cities:stakeholder_list", Stakeholder, "city"),
    ("plans", _("Start the masterplan record (its period)"), "masterplan:detail", Masterplan, "city"),
    ("workshops", _("Plan the four bimtek"), "bimtek:list", Workshop, "masterplan__city"),
    ("swot", _("Analyse readiness (SWOT and gaps)"), "readiness:overview", SwotItem, "masterplan__city"),
    ("missions", _("Write the vision, missions and objectives"), "masterplan:vision", Mission, "masterplan__city"),
    ("programmes", _("Record the programmes"), "programmes:list", Programme, "masterplan__city"),
    ("official_plans", _("Link the official plans (RPJMD, Renstra)"), "alignment:plans", PlanDocument, "city"),
    ("commitments", _("Sign the commitment"), "cities:commitment_list", Commitment, "city"),
    ("legalised", _("Legalise the masterplan (Perwali/Perbup)"), "masterplan:detail", Masterplan, "city"),
]


def with_progress(cities: QuerySet) -> QuerySet:
    """Cities annotated with what each step of the programme has recorded (subqueries: no extra query)."""
    present = set(cities.query.annotations)
    annotations = {f"n_{key}": count_per_city(model, path) for key, _label, _url, model, path in STEPS if key != "legalised"}
    annotations["n_legalised"] = count_per_city(Masterplan, "city", regulation_number__gt="")
    return cities.annotate(**{name: value for name, value in annotations.items() if name not in present})


def next_steps(city) -> list[dict]:
    """The city's way through the programme (the usual order, not a rule): each step with whether
    something is recorded, the page where it is done, and which is next; `city` annotated by
    `with_progress` (else one query)."""
    if not hasattr(city, "n_opds"):
        city = with_progress(City.objects.filter(pk=city.pk)).get()
    steps = [
        {"key": key, "label": label, "done": getattr(city, f"n_{key}") > 0, "url": reverse(url, args=[city.code])}
        for key, label, url, _model, _path in STEPS
    ]
    first_open = next((step for step in steps if not step["done"]), None)
    for step in steps:
        step["next"] = step is first_open
    return steps


def next_step(city) -> dict | None:
    """The first step the city has not recorded yet (None when every step has something)."""
    return next((step for step in next_steps(city) if step["next"]), None)
