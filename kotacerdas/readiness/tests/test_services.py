import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kotacerdas.bimtek.models import Output
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import ReadinessRating
from kotacerdas.readiness import services
from kotacerdas.readiness.models import GapItem, LensAssessment, SwotItem
from kotacerdas.readiness.tests.factories import (
    GapItemFactory, MasterplanFactory, OutputFactory, ProgrammeFactory, SwotItemFactory, SwotOutputFactory, lens,
)

ALLOWED = {"kementerian", "koordinator"}
PERSONAS = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


def _actions(plan):
    swot, gap = SwotItemFactory(masterplan=plan), GapItemFactory(masterplan=plan)
    programme = ProgrammeFactory(masterplan=plan)
    output = SwotOutputFactory(workshop__masterplan=plan)
    return {
        "assessment_save": lambda u: services.assessment_save(actor=u, masterplan=plan, lens=lens(), rating=ReadinessRating.objects.get(value=2)),
        "swot_item_create": lambda u: services.swot_item_create(actor=u, masterplan=plan, lens=lens(), category="O", text="Peluang"),
        "swot_item_update": lambda u: services.swot_item_update(actor=u, item=swot, text="Diubah"),
        "swot_item_move": lambda u: services.swot_item_move(actor=u, item=swot, offset=1),
        "swot_item_delete": lambda u: services.swot_item_delete(actor=u, item=swot),
        "gap_item_create": lambda u: services.gap_item_create(actor=u, masterplan=plan, lens=lens(), description="Celah", programmes=[programme]),
        "gap_item_update": lambda u: services.gap_item_update(actor=u, item=gap, programmes=[programme]),
        "gap_item_delete": lambda u: services.gap_item_delete(actor=u, item=gap),
        "output_adopt": lambda u: services.output_adopt(actor=u, city=plan.city, output=output),
    }


ACTIONS = ["assessment_save", "swot_item_create", "swot_item_update", "swot_item_move", "swot_item_delete",
           "gap_item_create", "gap_item_update", "gap_item_delete", "output_adopt"]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(personas, plan, persona, action):
    run = _actions(plan)[action]
    before = AuditEvent.objects.count()
    if persona in ALLOWED:
        run(personas[persona])
        assert AuditEvent.objects.count() > before
    else:
        with pytest.raises(PermissionDenied):
            run(personas[persona])
        assert AuditEvent.objects.count() == before


def test_assessment_is_one_per_lens_and_updated_in_place(koordinator, plan):
    first = services.assessment_save(actor=koordinator, masterplan=plan, lens=lens(), rating=ReadinessRating.objects.get(value=2),
                                     current_condition=" SDM TIK terbatas ", target_condition="Setiap OPD punya pengelola TIK")
    second = services.assessment_save(actor=koordinator, masterplan=plan, lens=lens(), rating=ReadinessRating.objects.get(value=3))
    assert first.pk == second.pk and LensAssessment.objects.count() == 1
    assert second.rating.value == 3 and first.current_condition == "SDM TIK terbatas"
    assert list(AuditEvent.objects.filter(model="readiness.lensassessment").order_by("pk").values_list("action", flat=True)) == ["create", "update"]


def test_swot_items_are_ordered_per_category_and_move(koordinator, plan):
    a = services.swot_item_create(actor=koordinator, masterplan=plan, lens=lens(), category="S", text="A")
    b = services.swot_item_create(actor=koordinator, masterplan=plan, lens=lens(), category="S", text="B")
    w = services.swot_item_create(actor=koordinator, masterplan=plan, lens=lens(), category="W", text="W")
    assert (a.order, b.order, w.order) == (1, 2, 1)
    services.swot_item_move(actor=koordinator, item=b, offset=-1)
    assert list(SwotItem.objects.filter(category="S").order_by("order").values_list("text", flat=True)) == ["B", "A"]
    services.swot_item_update(actor=koordinator, item=w, category="S")
    w.refresh_from_db()
    assert w.category == "S" and w.order == 3


def test_unknown_swot_category_is_refused(koordinator, plan):
    with pytest.raises(ServiceError) as exc:
        services.swot_item_create(actor=koordinator, masterplan=plan, lens=lens(), category="X", text="?")
    assert exc.value.code == "unknown_category"


def test_gap_linked_to_another_citys_programme_is_refused(koordinator, plan, tual):
    foreign = ProgrammeFactory(masterplan=MasterplanFactory(city=tual), name="Program Kota Tual")
    with pytest.raises(ServiceError) as exc:
        services.gap_item_create(actor=koordinator, masterplan=plan, lens=lens(), description="Data tidak terintegrasi", programmes=[foreign])
    assert exc.value.code == "other_masterplan" and "Program Kota Tual" in exc.value.message
    assert not GapItem.objects.exists()


def test_gap_linked_to_a_programme_of_another_masterplan_is_refused(koordinator, plan, ambon):
    gap = GapItemFactory(masterplan=plan)
    old = ProgrammeFactory(masterplan=MasterplanFactory(city=ambon, start_year=2025, end_year=2029))
    with pytest.raises(ServiceError) as exc:
        services.gap_item_update(actor=koordinator, item=gap, programmes=[old])
    assert exc.value.code == "other_masterplan"
    assert not gap.programmes.exists()


def test_gap_programmes_are_replaced_and_audited(koordinator, plan):
    gap = GapItemFactory(masterplan=plan)
    p1, p2 = ProgrammeFactory(masterplan=plan), ProgrammeFactory(masterplan=plan)
    services.gap_item_update(actor=koordinator, item=gap, programmes=[p1, p2])
    services.gap_item_update(actor=koordinator, item=gap, programmes=[p2])
    assert list(gap.programmes.all()) == [p2]
    last = AuditEvent.objects.filter(model="readiness.gapitem", action="update").order_by("pk").last()
    assert last.before["programmes"] == sorted([p1.pk, p2.pk]) and last.after["programmes"] == [p2.pk]


def test_adopting_a_swot_output_keeps_lens_category_and_provenance(koordinator, plan, dinkes):
    output = SwotOutputFactory(workshop__masterplan=plan, lens=lens("infrastruktur"), swot_category="T", text="Serangan siber", proposed_by_opd=dinkes)
    item = services.output_adopt(actor=koordinator, city=plan.city, output=output)
    assert isinstance(item, SwotItem)
    assert (item.lens.code, item.category, item.text, item.origin) == ("infrastruktur", "T", "Serangan siber", output)


def test_adopting_a_gap_output_without_lens_needs_one(koordinator, plan):
    output = OutputFactory(workshop__masterplan=plan, kind=Output.Kind.GAP, text="Cakupan internet belum merata")
    with pytest.raises(ServiceError) as exc:
        services.output_adopt(actor=koordinator, city=plan.city, output=output)
    assert exc.value.code == "lens_missing"
    item = services.output_adopt(actor=koordinator, city=plan.city, output=output, lens=lens("infrastruktur"))
    assert isinstance(item, GapItem) and item.description == "Cakupan internet belum merata" and item.origin == output


def test_adopting_twice_is_refused(koordinator, plan):
    output = SwotOutputFactory(workshop__masterplan=plan)
    services.output_adopt(actor=koordinator, city=plan.city, output=output)
    with pytest.raises(ServiceError) as exc:
        services.output_adopt(actor=koordinator, city=plan.city, output=output)
    assert exc.value.code == "already_adopted" and exc.value.status == 409
    assert SwotItem.objects.count() == 1


def test_adopting_another_kind_is_refused(koordinator, plan):
    output = OutputFactory(workshop__masterplan=plan, kind=Output.Kind.VISION_KEYWORD, text="harmonis")
    with pytest.raises(ServiceError) as exc:
        services.output_adopt(actor=koordinator, city=plan.city, output=output)
    assert exc.value.code == "not_adoptable"


def test_adopting_an_output_of_another_city_is_404(koordinator, plan, tual):
    output = SwotOutputFactory(workshop__masterplan=MasterplanFactory(city=tual))
    with pytest.raises(Http404):
        services.output_adopt(actor=koordinator, city=plan.city, output=output)
    assert not SwotItem.objects.exists()
