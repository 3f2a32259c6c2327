"""Data sets for the query-count tests: the same shape, small or large."""

from kotacerdas.alignment.models import PlanDocument, PlanItem
from kotacerdas.alignment.tests.factories import (
    GapItemFactory,
    PlanDocumentFactory,
    PlanItemFactory,
    ProgrammeFactory,
    ProgrammeLinkFactory,
    ProgrammeYearFactory,
)
from kotacerdas.framework.models import Element


def populate(city, masterplan, opd, *, programmes: int, items: int) -> PlanDocument:
    """`programmes` programmes over every element, `items` RPJMD items (each linked), gaps, budgets and a Renstra."""
    elements = list(Element.objects.all())
    rpjmd = PlanDocument.objects.filter(city=city, kind=PlanDocument.Kind.RPJMD).first() or PlanDocumentFactory(city=city)
    renstra = PlanDocumentFactory(city=city, kind=PlanDocument.Kind.RENSTRA, opd=opd, title=f"Renstra {opd}")
    vision = PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.VISION, code="")
    mission = PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.MISSION, code="", parent=vision)
    plan_items = [PlanItemFactory(document=rpjmd, parent=None) for _ in range(items)]
    renstra_item = PlanItemFactory(document=renstra)
    for n in range(programmes):
        programme = ProgrammeFactory(masterplan=masterplan, element=elements[n % len(elements)], lead_opd=opd if n % 3 else None)
        if n % 2:
            ProgrammeYearFactory(programme=programme)
        ProgrammeLinkFactory(programme=programme, plan_item=plan_items[n % len(plan_items)])
        ProgrammeLinkFactory(programme=programme, plan_item=renstra_item)
        GapItemFactory(masterplan=masterplan).programmes.add(programme) if n % 4 == 0 else GapItemFactory(masterplan=masterplan)
    assert mission.parent == vision
    return rpjmd
