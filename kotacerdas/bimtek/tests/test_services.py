import datetime

import pytest
from django.core.exceptions import PermissionDenied

from kotacerdas.bimtek import services
from kotacerdas.bimtek.models import Output, Workshop
from kotacerdas.bimtek.tests.factories import OutputFactory, ParticipantFactory, WorkshopFactory
from kotacerdas.cities.models import Stage, StageEvent
from kotacerdas.cities.tests.factories import OpdFactory, StakeholderFactory
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent

D = datetime.date
MANAGERS = {"kementerian", "koordinator"}
ALL = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]


# --- workshops: rules -----------------------------------------------------------------------


@pytest.mark.django_db
def test_create_workshop_defaults_title_and_audits(koordinator, masterplan, mentors):
    workshop = services.workshop_create(
        actor=koordinator,
        city=masterplan.city,
        number=2,
        start_date=D(2019, 8, 20),
        end_date=D(2019, 8, 21),
        mentor_ids=[mentors[0].pk, mentors[0].pk],
    )
    assert workshop.title == "Strategi dan program per dimensi"
    assert list(workshop.mentors.all()) == [mentors[0]]
    assert AuditEvent.objects.filter(model="bimtek.workshop", object_pk=str(workshop.pk), action="create", city=masterplan.city).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "number, start, end, code",
    [
        (5, D(2019, 7, 16), D(2019, 7, 17), "out_of_range"),
        (0, D(2019, 7, 16), D(2019, 7, 17), "out_of_range"),
        (1, D(2019, 7, 17), D(2019, 7, 16), "range_reversed"),
        (1, D(2019, 7, 1), D(2019, 7, 20), "too_long"),
        (1, D(2016, 7, 16), D(2016, 7, 17), "out_of_range"),
        (1, D(2025, 7, 16), D(2025, 7, 17), "out_of_range"),
    ],
)
def test_create_workshop_refuses_bad_input(koordinator, masterplan, number, start, end, code):
    with pytest.raises(ServiceError) as exc:
        services.workshop_create(
            actor=koordinator, city=masterplan.city, masterplan_id=masterplan.pk, number=number, start_date=start, end_date=end
        )
    assert exc.value.code == code
    assert not Workshop.objects.exists()


@pytest.mark.django_db
def test_bimtek_number_unique_per_masterplan(koordinator, bimtek1):
    with pytest.raises(ServiceError) as exc:
        services.workshop_create(
            actor=koordinator, city=bimtek1.masterplan.city, number=1, start_date=D(2019, 9, 1), end_date=D(2019, 9, 2)
        )
    assert exc.value.code == "duplicate" and exc.value.status == 409 and exc.value.field == "number"


@pytest.mark.django_db
def test_create_needs_a_masterplan_of_the_city(koordinator, ambon, tual):
    from kotacerdas.bimtek.tests.factories import MasterplanFactory

    with pytest.raises(ServiceError) as exc:
        services.workshop_create(actor=koordinator, city=ambon, number=1, start_date=D(2019, 7, 1), end_date=D(2019, 7, 2))
    assert exc.value.code == "required" and exc.value.field == "masterplan_id"
    foreign = MasterplanFactory(city=tual)
    with pytest.raises(ServiceError) as exc:
        services.workshop_create(
            actor=koordinator, city=ambon, masterplan_id=foreign.pk, number=1, start_date=D(2019, 7, 1), end_date=D(2019, 7, 2)
        )
    assert exc.value.code == "unknown_reference" and exc.value.field == "masterplan_id" and "Tual" not in exc.value.message
    assert not Workshop.objects.exists()


@pytest.mark.django_db
def test_bimtek_must_follow_the_previous_one(koordinator, masterplan):
    WorkshopFactory(masterplan=masterplan, number=2, start_date=D(2019, 8, 20), end_date=D(2019, 8, 21))
    with pytest.raises(ServiceError) as exc:
        services.workshop_create(actor=koordinator, city=masterplan.city, number=3, start_date=D(2019, 8, 1), end_date=D(2019, 8, 2))
    assert exc.value.code == "out_of_sequence" and exc.value.status == 409
    with pytest.raises(ServiceError):
        services.workshop_create(actor=koordinator, city=masterplan.city, number=1, start_date=D(2019, 9, 1), end_date=D(2019, 9, 2))


@pytest.mark.django_db
def test_update_workshop_checks_dates_and_records_minutes(koordinator, bimtek1):
    with pytest.raises(ServiceError) as exc:
        services.workshop_update(actor=koordinator, workshop=bimtek1, end_date=bimtek1.start_date - datetime.timedelta(days=1))
    assert exc.value.code == "range_reversed"
    services.workshop_update(actor=koordinator, workshop=bimtek1, minutes="Dibuka oleh Sekkot.", agenda="08.30 Pembukaan")
    bimtek1.refresh_from_db()
    assert bimtek1.minutes == "Dibuka oleh Sekkot." and bimtek1.agenda == "08.30 Pembukaan"
    event = AuditEvent.objects.get(model="bimtek.workshop", action="update")
    assert event.before["minutes"] == "" and event.after["minutes"] == "Dibuka oleh Sekkot."
    with pytest.raises(TypeError):
        services.workshop_update(actor=koordinator, workshop=bimtek1, masterplan=None)


@pytest.mark.django_db
def test_marking_held_advances_the_city_to_the_bimtek_stage(koordinator, masterplan, ambon):
    bimtek2 = WorkshopFactory(masterplan=masterplan, number=2, start_date=D(2019, 8, 20), end_date=D(2019, 8, 21))
    services.workshop_mark_held(actor=koordinator, workshop=bimtek2)
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BIMTEK_2
    assert StageEvent.objects.get(city=ambon, stage=Stage.BIMTEK_2).reached_on == D(2019, 8, 21)
    # Changing the dates of a held bimtek moves the date its stage was reached.
    services.workshop_update(actor=koordinator, workshop=bimtek2, start_date=D(2019, 8, 22), end_date=D(2019, 8, 23))
    assert StageEvent.objects.get(city=ambon, stage=Stage.BIMTEK_2).reached_on == D(2019, 8, 23)
    services.workshop_mark_held(actor=koordinator, workshop=bimtek2, held=False)
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BIMTEK_2  # unmarking keeps the recorded stage


@pytest.mark.django_db
def test_a_future_bimtek_cannot_be_marked_held(koordinator, ambon):
    from kotacerdas.bimtek.tests.factories import MasterplanFactory

    next_year = datetime.date.today().year + 1
    plan = MasterplanFactory(city=ambon, start_year=next_year, end_year=next_year + 4)
    workshop = WorkshopFactory(masterplan=plan, start_date=D(next_year, 7, 1), end_date=D(next_year, 7, 2))
    with pytest.raises(ServiceError) as exc:
        services.workshop_mark_held(actor=koordinator, workshop=workshop)
    assert exc.value.code == "not_yet_held"
    ambon.refresh_from_db()
    assert ambon.stage != Stage.BIMTEK_1


@pytest.mark.django_db
def test_delete_refused_while_an_output_became_a_swot_item(koordinator, bimtek1, masterplan):
    from kotacerdas.readiness.models import SwotItem

    output = OutputFactory(workshop=bimtek1, swot=True)
    SwotItem.objects.create(masterplan=masterplan, lens=output.lens, category="S", text=output.text, origin=output)
    with pytest.raises(ServiceError) as exc:
        services.workshop_delete(actor=koordinator, workshop=bimtek1)
    assert exc.value.code == "still_linked" and exc.value.status == 409
    with pytest.raises(ServiceError) as exc:
        services.output_delete(actor=koordinator, output=output)
    assert exc.value.code == "still_linked"
    assert Output.objects.filter(pk=output.pk).exists()


# --- participants ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_participant_organisation_defaults_to_the_department(koordinator, bimtek1, dinkes):
    p = services.participant_add(actor=koordinator, workshop=bimtek1, name="Yohana Sahertian", group="opd", opd_id=dinkes.pk)
    assert p.organisation == "Dinas Kesehatan"
    assert AuditEvent.objects.filter(model="bimtek.participant", action="create", city=bimtek1.masterplan.city).exists()


@pytest.mark.django_db
def test_participant_refuses_bad_input(koordinator, bimtek1, tual):
    with pytest.raises(ServiceError) as exc:
        services.participant_add(actor=koordinator, workshop=bimtek1, name="  ", group="opd")
    assert exc.value.code == "required" and exc.value.field == "name"
    with pytest.raises(ServiceError) as exc:
        services.participant_add(actor=koordinator, workshop=bimtek1, name="A", group="guest")
    assert exc.value.code == "invalid" and exc.value.field == "group"
    with pytest.raises(ServiceError) as exc:
        services.participant_add(actor=koordinator, workshop=bimtek1, name="A", group="opd", opd_id=OpdFactory(city=tual).pk)
    assert exc.value.code == "unknown_reference" and exc.value.field == "opd_id"


@pytest.mark.django_db
def test_attendance_in_bulk(koordinator, bimtek1):
    a, b, c = ParticipantFactory.create_batch(3, workshop=bimtek1)
    changed = services.participants_mark_attendance(
        actor=koordinator, workshop=bimtek1, attended_participant_ids=[a.pk, b.pk], absent_participant_ids=[c.pk]
    )
    assert changed == 2
    assert set(bimtek1.participants.filter(attended=True).values_list("pk", flat=True)) == {a.pk, b.pk}
    assert AuditEvent.objects.filter(model="bimtek.participant", action="update").count() == 2
    other = ParticipantFactory(workshop=WorkshopFactory(masterplan=bimtek1.masterplan, number=2))
    with pytest.raises(ServiceError) as exc:
        services.participants_mark_attendance(actor=koordinator, workshop=bimtek1, attended_participant_ids=[other.pk])
    assert exc.value.code == "unknown_reference" and exc.value.field == "attended_participant_ids"
    with pytest.raises(ServiceError) as exc:
        services.participants_mark_attendance(
            actor=koordinator, workshop=bimtek1, attended_participant_ids=[a.pk], absent_participant_ids=[a.pk]
        )
    assert exc.value.code == "attendance_contradicts"


# --- outputs --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_record_swot_output_with_proposer(operator_dinkes, bimtek1, dinkes):
    output = services.output_record(
        actor=operator_dinkes,
        workshop=bimtek1,
        kind="swot",
        text="Puskesmas belum terhubung",
        lens_code="infrastruktur",
        swot_category="W",
        proposed_by_opd_id=dinkes.pk,
    )
    assert output.created_by == operator_dinkes
    assert output.provenance == "Diusulkan dalam Bimtek I oleh Dinas Kesehatan"
    assert AuditEvent.objects.filter(model="bimtek.output", action="create", actor=operator_dinkes).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, code, field",
    [
        ({"kind": "swot", "text": "Tanpa lensa", "swot_category": "S"}, "required", "lens_code"),
        ({"kind": "swot", "text": "Tanpa kategori", "lens_code": "struktur"}, "required", "swot_category"),
        ({"kind": "gap", "text": "Kesenjangan tanpa lensa"}, "required", "lens_code"),
        ({"kind": "gap", "text": "Lensa tak dikenal", "lens_code": "lensa"}, "unknown_code", "lens_code"),
        ({"kind": "programme_idea", "text": "Gagasan tanpa dimensi"}, "required", "dimension_code"),
        ({"kind": "strategy", "text": "Strategi tanpa dimensi"}, "required", "dimension_code"),
        ({"kind": "strategy", "text": "Dimensi tak dikenal", "dimension_code": "smart-food"}, "unknown_code", "dimension_code"),
        ({"kind": "wish", "text": "?"}, "invalid", "kind"),
        ({"kind": "note", "text": "   "}, "required", "text"),
    ],
)
def test_record_output_refuses_bad_input(koordinator, bimtek1, fields, code, field):
    with pytest.raises(ServiceError) as exc:
        services.output_record(actor=koordinator, workshop=bimtek1, **fields)
    assert (exc.value.code, exc.value.field) == (code, field)
    assert not Output.objects.exists()


@pytest.mark.django_db
def test_output_keeps_only_what_its_kind_carries(koordinator, bimtek1):
    output = services.output_record(
        actor=koordinator,
        workshop=bimtek1,
        kind="vision_keyword",
        text="harmonis",
        lens_code="struktur",
        dimension_code="governance",
        swot_category="S",
    )
    assert (output.lens, output.dimension, output.swot_category) == (None, None, "")


@pytest.mark.django_db
def test_output_has_one_proposer_of_the_same_city(koordinator, bimtek1, dinkes, bumn, tual):
    with pytest.raises(ServiceError) as exc:
        services.output_record(
            actor=koordinator, workshop=bimtek1, kind="note", text="x", proposed_by_opd_id=dinkes.pk, proposed_by_stakeholder_id=bumn.pk
        )
    assert exc.value.code == "two_proposers"
    with pytest.raises(ServiceError) as exc:
        services.output_record(
            actor=koordinator, workshop=bimtek1, kind="note", text="x", proposed_by_stakeholder_id=StakeholderFactory(city=tual).pk
        )
    assert exc.value.code == "unknown_reference" and exc.value.field == "proposed_by_stakeholder_id"


@pytest.mark.django_db
def test_operator_cannot_record_a_proposal_of_another_department(operator_dinkes, bimtek1, dishub):
    with pytest.raises(PermissionDenied):
        services.output_record(
            actor=operator_dinkes,
            workshop=bimtek1,
            kind="programme_idea",
            text="Bus listrik",
            dimension_code="living",
            proposed_by_opd_id=dishub.pk,
        )
    assert not Output.objects.exists()


@pytest.mark.django_db
def test_operator_cannot_hand_their_output_to_another_department(operator_dinkes, bimtek1, dinkes, dishub):
    output = OutputFactory(workshop=bimtek1, proposed_by_opd=dinkes)
    with pytest.raises(PermissionDenied):
        services.output_update(actor=operator_dinkes, output=output, proposed_by_opd_id=dishub.pk)
    output.refresh_from_db()
    assert output.proposed_by_opd == dinkes


# --- permission matrix: every role × write action -------------------------------------------


def _workshop_actions(bimtek1, dinkes):
    participant = ParticipantFactory(workshop=bimtek1)
    return {
        "workshop_create": lambda u: services.workshop_create(
            actor=u, city=bimtek1.masterplan.city, number=2, start_date=D(2019, 8, 20), end_date=D(2019, 8, 21)
        ),
        "workshop_update": lambda u: services.workshop_update(actor=u, workshop=bimtek1, venue="Balai Kota Ambon"),
        "workshop_mark_held": lambda u: services.workshop_mark_held(actor=u, workshop=bimtek1),
        "workshop_delete": lambda u: services.workshop_delete(actor=u, workshop=bimtek1),
        "participant_add": lambda u: services.participant_add(
            actor=u, workshop=bimtek1, name="Nona Pattikawa", group="opd", opd_id=dinkes.pk
        ),
        "participant_update": lambda u: services.participant_update(actor=u, participant=participant, name="Nona Souisa"),
        "participant_attendance": lambda u: services.participants_mark_attendance(
            actor=u, workshop=bimtek1, attended_participant_ids=[participant.pk]
        ),
        "participant_remove": lambda u: services.participant_remove(actor=u, participant=participant),
    }


WORKSHOP_ACTIONS = [
    "workshop_create",
    "workshop_update",
    "workshop_mark_held",
    "workshop_delete",
    "participant_add",
    "participant_update",
    "participant_attendance",
    "participant_remove",
]


@pytest.mark.django_db
@pytest.mark.parametrize("action", WORKSHOP_ACTIONS)
@pytest.mark.parametrize("persona", ALL)
def test_permission_matrix_workshops_and_participants(personas, bimtek1, dinkes, persona, action):
    run = _workshop_actions(bimtek1, dinkes)[action]
    before = AuditEvent.objects.count()
    if persona in MANAGERS:
        run(personas[persona])
        assert AuditEvent.objects.count() > before
    else:
        with pytest.raises(PermissionDenied):
            run(personas[persona])
        assert AuditEvent.objects.count() == before


OUTPUT_ALLOWED = {
    # proposer → who may record, edit and delete its outputs
    "dinkes": MANAGERS | {"operator_dinkes"},
    "bumn": MANAGERS | {"mitra"},
    "none": MANAGERS,
}


def _proposer(which, dinkes, bumn):
    return {"dinkes": {"proposed_by_opd": dinkes}, "bumn": {"proposed_by_stakeholder": bumn}, "none": {}}[which]


def _ids(fields: dict) -> dict:
    return {f"{name}_id": record.pk for name, record in fields.items()}


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["record", "update", "delete"])
@pytest.mark.parametrize("proposer", ["dinkes", "bumn", "none"])
@pytest.mark.parametrize("persona", ALL)
def test_permission_matrix_outputs(personas, bimtek1, dinkes, bumn, persona, proposer, action):
    user, fields = personas[persona], _proposer(proposer, dinkes, bumn)
    output = OutputFactory(workshop=bimtek1, **fields)
    run = {
        "record": lambda: services.output_record(actor=user, workshop=bimtek1, kind="note", text="Catatan baru", **_ids(fields)),
        "update": lambda: services.output_update(actor=user, output=output, text="Teks diperbaiki"),
        "delete": lambda: services.output_delete(actor=user, output=output),
    }[action]
    before = AuditEvent.objects.count()
    if persona in OUTPUT_ALLOWED[proposer]:
        run()
        assert AuditEvent.objects.count() == before + 1
    else:
        with pytest.raises(PermissionDenied):
            run()
        assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_marking_a_workshop_of_an_old_masterplan_held_does_not_rewrite_the_current_cycle(koordinator, masterplan, ambon):
    from kotacerdas.bimtek.tests.factories import MasterplanFactory

    new = MasterplanFactory(city=ambon, start_year=2025, end_year=2029)
    new_bimtek1 = WorkshopFactory(masterplan=new, number=1, start_date=D(2024, 7, 9), end_date=D(2024, 7, 10))
    services.workshop_mark_held(actor=koordinator, workshop=new_bimtek1)
    old_bimtek1 = WorkshopFactory(masterplan=masterplan, number=1, start_date=D(2019, 7, 11), end_date=D(2019, 7, 11))
    services.workshop_mark_held(actor=koordinator, workshop=old_bimtek1)
    assert new.stage_events.get(stage=Stage.BIMTEK_1).reached_on == D(2024, 7, 10)
    assert masterplan.stage_events.get(stage=Stage.BIMTEK_1).reached_on == D(2019, 7, 11)
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BIMTEK_1
