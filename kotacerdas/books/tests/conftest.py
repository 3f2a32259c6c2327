"""Fixtures of the books' tests: a complete masterplan package (nothing for the checklist to find, to
break one piece at a time), the seeded Ambon demo, and a bare plan."""

import datetime

import pytest
from django.db import transaction
from django.utils.module_loading import import_string

from kotacerdas.accounts.demo import system_actor
from kotacerdas.alignment.models import PlanDocument, PlanItem
from kotacerdas.alignment.tests.factories import PlanDocumentFactory, PlanItemFactory, ProgrammeLinkFactory
from kotacerdas.cities import demo as cities_demo
from kotacerdas.cities.models import Body
from kotacerdas.cities.tests.factories import BodyFactory, CommitmentFactory, SignatoryFactory
from kotacerdas.framework.models import Element, QuickWinCriterion, ReadinessLens, ReadinessRating
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.tests.factories import MasterplanFactory, MissionFactory, ObjectiveFactory, TargetFactory
from kotacerdas.programmes.models import QuickWin, QuickWinScore
from kotacerdas.programmes.tests.factories import PartnerFactory, ProgrammeFactory, ProgrammeYearFactory
from kotacerdas.readiness.tests.factories import LensAssessmentFactory, SwotItemFactory
from kotacerdas.site.management.commands.load_demo import APP_DEMOS


@pytest.fixture
def masterplan(ambon):
    return MasterplanFactory(city=ambon, start_year=2020, end_year=2024)


def add_programmes(masterplan, count: int, *, rpjmd_item=None, prefix="Program"):
    """`count` complete programmes spread over the 18 elements (lead OPD, budget, RPJMD link, a partner)."""
    elements = list(Element.objects.select_related("dimension").order_by("dimension__order", "order"))
    if rpjmd_item is None:
        document = PlanDocumentFactory(city=masterplan.city, kind=PlanDocument.Kind.RPJMD, start_year=2017, end_year=2022)
        rpjmd_item = PlanItemFactory(document=document, kind=PlanItem.Kind.PROGRAMME)
    made = []
    for i in range(count):
        element = elements[i % len(elements)]
        p = ProgrammeFactory(
            masterplan=masterplan, name=f"{prefix} {i + 1}", element=element, dimension=element.dimension, start_year=2021, end_year=2022
        )
        ProgrammeYearFactory(programme=p, year=2021, budget=100_000_000 * (i + 1))
        PartnerFactory(programme=p)
        ProgrammeLinkFactory(programme=p, plan_item=rpjmd_item)
        made.append(p)
    return made


@pytest.fixture
def complete(ambon, masterplan, koordinator):
    """A package with nothing missing: MoU, bodies with decrees, commitment with signatories, vision and missions,
    every core aspect assessed with SWOT, a programme for every element, a fully scored selected quick win."""
    ambon.mou_number = "01/MOU/2019"
    ambon.mou_date = datetime.date(2019, 5, 16)
    ambon.save()
    BodyFactory(city=ambon, kind=Body.Kind.COUNCIL, name="Dewan Smart City Kota Ambon")
    BodyFactory(city=ambon, kind=Body.Kind.TEAM, name="Tim Pelaksana Smart City Kota Ambon")
    commitment = CommitmentFactory(city=ambon)
    SignatoryFactory(commitment=commitment, name="A. G. Latuheru", role="Sekretaris Kota", organisation="Pemerintah Kota Ambon")
    mission = MissionFactory(masterplan=masterplan, text="Mewujudkan tata kelola pemerintahan yang baik")
    TargetFactory(objective=ObjectiveFactory(mission=mission, text="Meningkatnya kualitas layanan publik"), indicator="Indeks kepuasan")
    rating = ReadinessRating.objects.order_by("value").first()
    for lens in ReadinessLens.objects.filter(is_core=True):
        LensAssessmentFactory(masterplan=masterplan, lens=lens, rating=rating)
        SwotItemFactory(masterplan=masterplan, lens=lens)
    programmes = add_programmes(masterplan, 18)
    quick_win = QuickWin.objects.create(programme=programmes[0], stage=QuickWin.Stage.SELECTED, problem="Antrean panjang")
    programmes[0].is_quick_win = True
    programmes[0].save()
    for criterion in QuickWinCriterion.objects.all():
        QuickWinScore.objects.create(quick_win=quick_win, criterion=criterion, score=3)
    return {"city": ambon, "masterplan": masterplan, "programmes": programmes, "quick_win": quick_win, "commitment": commitment}


@pytest.fixture(scope="module")
def demo_seeded(django_db_setup, django_db_blocker):
    """The Kota Ambon demo seeded once per module inside a transaction rolled back after it (seeding
    takes many seconds); each test runs in a savepoint inside it, so a test's own changes roll back too."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            actor = system_actor()
            city = cities_demo.seed(actor=actor)
            for dotted in APP_DEMOS:
                import_string(dotted)(actor=actor, city=city)
            yield city.pk
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_seeded, db):
    """The demo city's current masterplan."""
    return Masterplan.objects.select_related("city__region__parent").get(city_id=demo_seeded)


@pytest.fixture
def bare_plan(ambon):
    """A masterplan with nothing in it: no vision, no mission, no programme, no commitment."""
    plan = MasterplanFactory(city=ambon, vision="")
    return Masterplan.objects.select_related("city__region__parent").get(pk=plan.pk)
