import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kotacerdas.bimtek.models import Output
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.readiness import services
from kotacerdas.readiness.models import GapItem, LensAssessment, SwotItem
from kotacerdas.readiness.tests.factories import (
    GapItemFactory,
    MasterplanFactory,
    OutputFactory,
    ProgrammeFactory,
    SwotItemFactory,
    SwotOutputFactory,
    lens,
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
    city = plan.city
    return {
        "assessment_save": lambda u: services.assessment_save(actor=u, city=city, lens=lens(), masterplan_id=plan.pk, rating_code=2),
        "swot_item_create": lambda u: services.swot_item_create(
            actor=u, city=city, masterplan_id=plan.pk, lens_code="struktur", category="O", text="Peluang"
        ),
        "swot_item_update": lambda u: services.swot_item_update(actor=u, item=swot, text="Diubah"),
        "swot_item_move": lambda u: services.swot_item_move(actor=u, item=swot, offset=1),
        "swot_item_delete": lambda u: services.swot_item_delete(actor=u, item=swot),
        "gap_item_create": lambda u: services.gap_item_create(
            actor=u, city=city, masterplan_id=plan.pk, lens_code="struktur", description="Celah", programme_ids=[programme.pk]
        ),
        "gap_item_update": lambda u: services.gap_item_update(actor=u, item=gap, programme_ids=[programme.pk]),
        "gap_item_delete": lambda u: services.gap_item_delete(actor=u, item=gap),
        "output_adopt": lambda u: services.output_adopt(actor=u, output=output),
    }


ACTIONS = [
    "assessment_save",
    "swot_item_create",
    "swot_item_update",
    "swot_item_move",
    "swot_item_delete",
    "gap_item_create",
    "gap_item_update",
    "gap_item_delete",
    "output_adopt",
]


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


def test_permission_is_checked_before_the_references(mitra, plan, tual):
    """A role that may not write learns nothing about the ids it sends: it is refused first."""
    foreign = ProgrammeFactory(masterplan=MasterplanFactory(city=tual))
    with pytest.raises(PermissionDenied):
        services.gap_item_create(
            actor=mitra, city=plan.city, masterplan_id=10**9, lens_code="kosmos", description="x", programme_ids=[foreign.pk]
        )


def test_assessment_is_one_per_lens_and_updated_in_place(koordinator, plan):
    first = services.assessment_save(
        actor=koordinator,
        city=plan.city,
        lens=lens(),
        rating_code=2,
        current_condition=" SDM TIK terbatas ",
        target_condition="Setiap OPD punya pengelola TIK",
    )
    second = services.assessment_save(actor=koordinator, city=plan.city, lens=lens(), masterplan_id=plan.pk, rating_code=3)
    assert first.pk == second.pk and LensAssessment.objects.count() == 1
    assert second.rating.value == 3 and first.current_condition == "SDM TIK terbatas"
    assert list(AuditEvent.objects.filter(model="readiness.lensassessment").order_by("pk").values_list("action", flat=True)) == [
        "create",
        "update",
    ]


def test_unknown_rating_code_is_refused_with_the_scale(koordinator, plan):
    with pytest.raises(ServiceError) as exc:
        services.assessment_save(actor=koordinator, city=plan.city, lens=lens(), rating_code=9)
    assert (exc.value.code, exc.value.field) == ("unknown_code", "rating_code") and "1, 2, 3, 4, 5" in exc.value.message
    assert not LensAssessment.objects.exists()


def test_swot_items_are_ordered_per_category_and_move(koordinator, plan):
    def add(category, text):
        return services.swot_item_create(actor=koordinator, city=plan.city, lens_code="struktur", category=category, text=text)

    a, b, w = add("S", "A"), add("S", "B"), add("W", "W")
    assert (a.order, b.order, w.order) == (1, 2, 1)
    services.swot_item_move(actor=koordinator, item=b, offset=-1)
    assert list(SwotItem.objects.filter(category="S").order_by("order").values_list("text", flat=True)) == ["B", "A"]
    services.swot_item_update(actor=koordinator, item=w, category="S")
    w.refresh_from_db()
    assert w.category == "S" and w.order == 3


def test_unknown_swot_category_and_empty_text_are_refused(koordinator, plan):
    with pytest.raises(ValidationError) as exc:
        services.swot_item_create(actor=koordinator, city=plan.city, lens_code="struktur", category="X", text="?")
    assert "category" in exc.value.error_dict
    with pytest.raises(ServiceError) as exc:
        services.swot_item_create(actor=koordinator, city=plan.city, lens_code="struktur", category="S", text="   ")
    assert (exc.value.code, exc.value.field) == ("required", "text")
    assert not SwotItem.objects.exists()


def test_unknown_lens_code_is_refused(koordinator, plan):
    with pytest.raises(ServiceError) as exc:
        services.gap_item_create(actor=koordinator, city=plan.city, lens_code="kosmos", description="x")
    assert (exc.value.code, exc.value.field) == ("unknown_code", "lens_code")


def _refusal(koordinator, plan, programme_id) -> ServiceError:
    with pytest.raises(ServiceError) as exc:
        services.gap_item_create(
            actor=koordinator,
            city=plan.city,
            masterplan_id=plan.pk,
            lens_code="struktur",
            description="Data tidak terintegrasi",
            programme_ids=[programme_id],
        )
    return exc.value


def test_a_programme_of_another_city_or_masterplan_is_refused_like_an_unknown_one(koordinator, plan, ambon, tual):
    foreign = ProgrammeFactory(masterplan=MasterplanFactory(city=tual), name="Program Kota Tual")
    older = ProgrammeFactory(masterplan=MasterplanFactory(city=ambon, start_year=2015, end_year=2019), name="Program Lama")
    missing = ProgrammeFactory(masterplan=plan)
    missing_id = missing.pk
    missing.delete()
    refusals = {pk: _refusal(koordinator, plan, pk) for pk in (foreign.pk, older.pk, missing_id)}
    for pk, exc in refusals.items():
        assert (exc.code, exc.status, exc.field) == ("unknown_reference", 400, "programme_ids")
        assert exc.message.replace(str(pk), "ID") == refusals[missing_id].message.replace(str(missing_id), "ID")
        assert "Program" not in exc.message
    assert not GapItem.objects.exists()


def test_gap_programmes_are_replaced_and_audited(koordinator, plan):
    gap = GapItemFactory(masterplan=plan)
    p1, p2 = ProgrammeFactory(masterplan=plan), ProgrammeFactory(masterplan=plan)
    services.gap_item_update(actor=koordinator, item=gap, programme_ids=[p1.pk, p2.pk])
    services.gap_item_update(actor=koordinator, item=gap, programme_ids=[p2.pk])
    assert list(gap.programmes.all()) == [p2]
    last = AuditEvent.objects.filter(model="readiness.gapitem", action="update").order_by("pk").last()
    assert last.before["programmes"] == sorted([p1.pk, p2.pk]) and last.after["programmes"] == [p2.pk]


def test_gap_update_changes_only_what_is_given(koordinator, plan):
    gap = GapItemFactory(masterplan=plan, description="Celah", current_condition="Kini")
    gap.programmes.add(ProgrammeFactory(masterplan=plan))
    services.gap_item_update(actor=koordinator, item=gap, target_condition=" Nanti ")
    gap.refresh_from_db()
    assert (gap.description, gap.current_condition, gap.target_condition, gap.programmes.count()) == ("Celah", "Kini", "Nanti", 1)


def test_adopting_a_swot_output_keeps_lens_category_and_provenance(koordinator, plan, dinkes):
    output = SwotOutputFactory(
        workshop__masterplan=plan, lens=lens("infrastruktur"), swot_category="T", text="Serangan siber", proposed_by_opd=dinkes
    )
    item = services.output_adopt(actor=koordinator, output=output)
    assert isinstance(item, SwotItem)
    assert (item.lens.code, item.category, item.text, item.origin) == ("infrastruktur", "T", "Serangan siber", output)


def test_adopting_a_gap_output_without_lens_needs_one(koordinator, plan):
    output = OutputFactory(workshop__masterplan=plan, kind=Output.Kind.GAP, text="Cakupan internet belum merata")
    with pytest.raises(ServiceError) as exc:
        services.output_adopt(actor=koordinator, output=output)
    assert (exc.value.code, exc.value.field) == ("required", "lens_code")
    item = services.output_adopt(actor=koordinator, output=output, lens_code="infrastruktur")
    assert isinstance(item, GapItem) and item.description == "Cakupan internet belum merata" and item.origin == output


def test_adopting_twice_is_refused(koordinator, plan):
    output = SwotOutputFactory(workshop__masterplan=plan)
    services.output_adopt(actor=koordinator, output=output)
    with pytest.raises(ServiceError) as exc:
        services.output_adopt(actor=koordinator, output=output)
    assert exc.value.code == "already_adopted" and exc.value.status == 409
    assert SwotItem.objects.count() == 1


def test_adopting_another_kind_is_refused(koordinator, plan):
    output = OutputFactory(workshop__masterplan=plan, kind=Output.Kind.VISION_KEYWORD, text="harmonis")
    with pytest.raises(ServiceError) as exc:
        services.output_adopt(actor=koordinator, output=output)
    assert exc.value.code == "not_adoptable"


def test_adopting_an_output_of_another_city_is_refused(koordinator, plan, tual):
    output = SwotOutputFactory(workshop__masterplan=MasterplanFactory(city=tual))
    with pytest.raises(PermissionDenied):
        services.output_adopt(actor=koordinator, output=output)
    assert not SwotItem.objects.exists()
