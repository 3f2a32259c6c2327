import datetime

import pytest
from django.core.exceptions import PermissionDenied

from kotacerdas.cities.models import Stage, StageEvent
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan, Mission, Objective, Revision, Target
from kotacerdas.masterplan.tests.factories import MasterplanFactory, MissionFactory, ObjectiveFactory, TargetFactory, ready_to_legalise

ALLOWED = {"kementerian", "koordinator"}
PERSONAS = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def target(plan):
    return TargetFactory(objective__mission__masterplan=plan, year=2022)


def _actions(plan, target):
    objective, mission = target.objective, target.objective.mission
    return {
        "masterplan_create": lambda u: services.masterplan_create(
            actor=u, city=plan.city, title="Masterplan 2025", start_year=2025, end_year=2029
        ),
        "masterplan_update": lambda u: services.masterplan_update(actor=u, masterplan=plan, title="Judul baru"),
        "masterplan_legalise": lambda u: services.masterplan_legalise(
            actor=u, masterplan=ready_to_legalise(plan), regulation_number="Perwali 17/2020", regulation_date=datetime.date(2020, 6, 8)
        ),
        "revision_open": lambda u: services.revision_open(actor=u, masterplan=_legalised(plan), reason="RPJMD baru"),
        "revision_close": lambda u: services.revision_close(
            actor=u,
            revision=Revision.objects.create(
                masterplan=_legalised(plan), number=1, reason="RPJMD baru", opened_on=datetime.date(2025, 1, 6)
            ),
            regulation_date=datetime.date(2025, 3, 1),
        ),
        "mission_create": lambda u: services.mission_create(actor=u, masterplan=plan, text="Misi baru"),
        "mission_update": lambda u: services.mission_update(actor=u, mission=mission, text="Misi diubah"),
        "mission_move": lambda u: services.mission_move(actor=u, mission=mission, offset=1),
        "objective_create": lambda u: services.objective_create(actor=u, mission=mission, text="Tujuan baru"),
        "objective_update": lambda u: services.objective_update(actor=u, objective=objective, text="Tujuan diubah"),
        "objective_move": lambda u: services.objective_move(actor=u, objective=objective, offset=-1),
        "target_create": lambda u: services.target_create(actor=u, objective=objective, indicator="Indikator", value="10", year=2023),
        "target_update": lambda u: services.target_update(actor=u, target=target, value="20"),
        "target_delete": lambda u: services.target_delete(actor=u, target=target),
        "objective_delete": lambda u: services.objective_delete(actor=u, objective=objective),
        "mission_delete": lambda u: services.mission_delete(actor=u, mission=mission),
    }


def _legalised(plan):
    """The plan as legalised (set directly: the matrix tests the permission of what follows)."""
    Masterplan.objects.filter(pk=plan.pk).update(
        status="legalised", regulation_number="Perwali 17/2020", regulation_date=datetime.date(2020, 6, 8)
    )
    plan.refresh_from_db()
    return plan


ACTIONS = [
    "masterplan_create",
    "masterplan_update",
    "masterplan_legalise",
    "revision_open",
    "revision_close",
    "mission_create",
    "mission_update",
    "mission_move",
    "objective_create",
    "objective_update",
    "objective_move",
    "target_create",
    "target_update",
    "target_delete",
    "objective_delete",
    "mission_delete",
]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(personas, plan, target, persona, action):
    user = personas[persona]
    run = _actions(plan, target)[action]
    before = AuditEvent.objects.count()
    if persona in ALLOWED:
        run(user)
        assert AuditEvent.objects.count() > before
    else:
        with pytest.raises(PermissionDenied):
            run(user)
        assert AuditEvent.objects.count() == before


def test_create_is_a_draft_and_audited(koordinator, ambon):
    plan = services.masterplan_create(
        actor=koordinator, city=ambon, title=" Masterplan 2025–2029 ", start_year=2025, end_year=2029, vision="Ambon maju"
    )
    assert plan.status == Masterplan.Status.DRAFT and plan.title == "Masterplan 2025–2029"
    event = AuditEvent.objects.get(model="masterplan.masterplan", object_pk=str(plan.pk))
    assert event.action == "create" and event.actor == koordinator and event.city == ambon


def test_a_period_of_eleven_years_is_refused(koordinator, ambon):
    with pytest.raises(ServiceError) as exc:
        services.masterplan_create(actor=koordinator, city=ambon, title="Terlalu panjang", start_year=2020, end_year=2030)
    assert exc.value.code == "period_too_long" and exc.value.field == "end_year"
    assert not Masterplan.objects.exists()


def test_reversed_years_are_refused(koordinator, plan):
    with pytest.raises(ServiceError) as exc:
        services.masterplan_update(actor=koordinator, masterplan=plan, start_year=2026)
    assert exc.value.code == "range_reversed"


def test_a_second_masterplan_starting_the_same_year_is_refused(koordinator, plan):
    with pytest.raises(ServiceError) as exc:
        services.masterplan_create(actor=koordinator, city=plan.city, title="Duplikat", start_year=2020, end_year=2024)
    assert exc.value.code == "duplicate" and exc.value.status == 409 and exc.value.field == "start_year"
    other = services.masterplan_create(actor=koordinator, city=plan.city, title="Berikutnya", start_year=2025, end_year=2029)
    with pytest.raises(ServiceError) as exc:
        services.masterplan_update(actor=koordinator, masterplan=other, start_year=2020, end_year=2024)
    assert exc.value.code == "duplicate"


def test_legalising_without_regulation_number_is_refused(koordinator, plan):
    with pytest.raises(ServiceError) as exc:
        services.masterplan_legalise(actor=koordinator, masterplan=plan, regulation_number="", regulation_date=datetime.date(2020, 6, 8))
    assert exc.value.code == "regulation_missing" and exc.value.field == "regulation_number"
    with pytest.raises(ServiceError) as exc:
        services.masterplan_update(actor=koordinator, masterplan=plan, status="legalised", regulation_number="Perwali 17/2020")
    assert exc.value.code == "regulation_missing" and exc.value.field == "regulation_date"
    plan.refresh_from_db()
    assert plan.status == Masterplan.Status.DRAFT


def test_legalising_advances_the_city_and_records_the_date(koordinator, plan):
    ready_to_legalise(plan)
    services.masterplan_legalise(
        actor=koordinator,
        masterplan=plan,
        regulation_number="Perwali Kota Ambon Nomor 17 Tahun 2020",
        regulation_date=datetime.date(2020, 6, 8),
    )
    plan.city.refresh_from_db()
    assert plan.city.stage == Stage.LEGALISED
    event = StageEvent.objects.get(city=plan.city, stage=Stage.LEGALISED)
    assert event.reached_on == datetime.date(2020, 6, 8)
    audit = AuditEvent.objects.filter(model="masterplan.masterplan", object_pk=str(plan.pk), action="update").get()
    assert audit.before["status"] == "draft" and audit.after["status"] == "legalised"


def test_implementation_before_the_perwali_is_accepted_and_stays_the_current_stage_with_a_warning(koordinator, plan):
    from kotacerdas.cities import selectors as city_selectors
    from kotacerdas.cities import services as city_services

    ready_to_legalise(plan)
    city_services.city_record_stage(actor=koordinator, city=plan.city, stage=Stage.IMPLEMENTATION, reached_on=datetime.date(2020, 2, 3))
    services.masterplan_legalise(
        actor=koordinator, masterplan=plan, regulation_number="Perwali 17/2020", regulation_date=datetime.date(2020, 6, 8)
    )
    plan.city.refresh_from_db()
    assert plan.city.stage == Stage.IMPLEMENTATION  # quick wins start in year 1, before the Perwali
    warnings = city_selectors.stage_cycles(plan.city)["current"]["warnings"]
    assert any(str(Stage.IMPLEMENTATION.label) in w and str(Stage.LEGALISED.label) in w for w in warnings)


def test_target_year_outside_the_period_is_refused(koordinator, plan):
    objective = ObjectiveFactory(mission__masterplan=plan)
    with pytest.raises(ServiceError) as exc:
        services.target_create(actor=koordinator, objective=objective, indicator="Cakupan", value="80", unit="persen", year=2025)
    assert exc.value.code == "out_of_range" and exc.value.field == "year" and "2020–2024" in exc.value.message
    assert not Target.objects.exists()


def test_shortening_the_period_must_not_strand_targets(koordinator, plan, target):
    with pytest.raises(ServiceError) as exc:
        services.masterplan_update(actor=koordinator, masterplan=plan, start_year=2023)
    assert exc.value.code == "targets_outside_period" and exc.value.status == 409 and "2022" in exc.value.message


def test_objective_serves_dimensions_and_changes_them(koordinator, plan):
    mission = MissionFactory(masterplan=plan)
    governance, society = Dimension.objects.get(code="governance"), Dimension.objects.get(code="society")
    objective = services.objective_create(actor=koordinator, mission=mission, text="Pelayanan terpadu", dimension_codes=["governance"])
    assert list(objective.dimensions.all()) == [governance]
    services.objective_update(actor=koordinator, objective=objective, dimension_codes=["society"])
    audit = AuditEvent.objects.filter(model="masterplan.objective", action="update").get()
    assert audit.before["dimensions"] == [governance.pk] and audit.after["dimensions"] == [society.pk]


def test_objective_cannot_move_to_a_mission_of_another_masterplan(koordinator, plan, ambon):
    objective = ObjectiveFactory(mission__masterplan=plan)
    other = MissionFactory(masterplan=MasterplanFactory(city=ambon, start_year=2025, end_year=2029))
    with pytest.raises(ServiceError) as exc:
        services.objective_update(actor=koordinator, objective=objective, mission=other)
    assert exc.value.code == "unknown_reference" and exc.value.field == "mission_id"


def test_missions_are_appended_and_reordered(koordinator, plan):
    first = services.mission_create(actor=koordinator, masterplan=plan, text="Pertama")
    second = services.mission_create(actor=koordinator, masterplan=plan, text="Kedua")
    third = services.mission_create(actor=koordinator, masterplan=plan, text="Ketiga")
    assert [first.order, second.order, third.order] == [1, 2, 3]
    services.mission_move(actor=koordinator, mission=third, offset=-1)
    assert list(plan.missions.order_by("order").values_list("text", flat=True)) == ["Pertama", "Ketiga", "Kedua"]
    services.mission_move(actor=koordinator, mission=first, offset=-1)  # already first: nothing moves
    assert list(plan.missions.order_by("order").values_list("text", flat=True)) == ["Pertama", "Ketiga", "Kedua"]


def test_deleting_a_mission_deletes_and_audits_its_tree(koordinator, plan, target):
    mission = target.objective.mission
    services.mission_delete(actor=koordinator, mission=mission)
    assert not Mission.objects.exists() and not Objective.objects.exists() and not Target.objects.exists()
    deleted = set(AuditEvent.objects.filter(action="delete").values_list("model", flat=True))
    assert deleted == {"masterplan.mission", "masterplan.objective", "masterplan.target"}
    assert AuditEvent.objects.filter(action="delete", city=plan.city).count() == 3


def test_only_editable_fields_are_accepted(koordinator, plan):
    with pytest.raises(TypeError):
        services.masterplan_update(actor=koordinator, masterplan=plan, city=None)


def test_unknown_dimension_code_is_refused_after_the_permission_check(koordinator, operator_dinkes, plan):
    mission = MissionFactory(masterplan=plan)
    with pytest.raises(PermissionDenied):
        services.objective_create(actor=operator_dinkes, mission=mission, text="Tujuan", dimension_codes=["smart-weather"])
    with pytest.raises(ServiceError) as exc:
        services.objective_create(actor=koordinator, mission=mission, text="Tujuan", dimension_codes=["governance", "smart-weather"])
    assert exc.value.code == "unknown_code" and exc.value.field == "dimension_codes"
    assert not Objective.objects.exists()


def test_shortening_the_period_cannot_strand_programmes(koordinator, ambon):
    from kotacerdas.core.errors import ServiceError
    from kotacerdas.masterplan.services import masterplan_create, masterplan_update
    from kotacerdas.programmes.tests.factories import ProgrammeFactory

    plan = masterplan_create(actor=koordinator, city=ambon, title="Masterplan", start_year=2025, end_year=2029)
    ProgrammeFactory(masterplan=plan, start_year=2025, end_year=2029)
    with pytest.raises(ServiceError) as refused:
        masterplan_update(actor=koordinator, masterplan=plan, start_year=2026, end_year=2027)
    assert refused.value.code == "programmes_outside_period" and refused.value.status == 409
    plan.refresh_from_db()
    assert (plan.start_year, plan.end_year) == (2025, 2029)


def test_a_regulation_cannot_be_dated_in_the_future(koordinator, ambon):
    import datetime

    from kotacerdas.core.errors import ServiceError
    from kotacerdas.masterplan.services import masterplan_create, masterplan_legalise

    plan = masterplan_create(actor=koordinator, city=ambon, title="Masterplan", start_year=2025, end_year=2029)
    with pytest.raises(ServiceError) as refused:
        masterplan_legalise(actor=koordinator, masterplan=plan, regulation_number="12/2099", regulation_date=datetime.date(2099, 1, 1))
    assert refused.value.code == "date_in_future" and refused.value.field == "regulation_date"
    plan.refresh_from_db()
    assert plan.status == "draft"
