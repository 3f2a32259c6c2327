"""Services of the cities app: every role × write action, domain rules, audit rows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from kotacerdas.cities import selectors, services
from kotacerdas.cities.models import Body, City, Commitment, Opd, Signatory, Stage, StageEvent
from kotacerdas.cities.tests.factories import CohortFactory, StageEventFactory
from kotacerdas.cities.tests.rights import MANAGERS, OPD_EDITORS, PERSONAS, STAKEHOLDER_EDITORS
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent

DAY = datetime.date(2019, 5, 23)

# action name -> (write(actor, world), who may do it)
ACTIONS = {
    "city_update": (lambda a, w: services.city_update(actor=a, city=w["city"], mou_number="050/451/2019"), MANAGERS),
    "city_record_stage": (lambda a, w: services.city_record_stage(actor=a, city=w["city"], stage=Stage.MOU, reached_on=DAY), MANAGERS),
    "stage_event_delete": (lambda a, w: services.stage_event_delete(actor=a, event=w["event"]), MANAGERS),
    "opd_create": (lambda a, w: services.opd_create(actor=a, city=w["city"], name="Dinas Pariwisata", short_name="Dispar"), MANAGERS),
    "opd_update": (lambda a, w: services.opd_update(actor=a, opd=w["dinkes"], head_name="dr. Wendy Pelupessy"), OPD_EDITORS),
    "opd_update_other": (lambda a, w: services.opd_update(actor=a, opd=w["dishub"], head_name="Robby Sapulette"), MANAGERS),
    "opd_delete": (lambda a, w: services.opd_delete(actor=a, opd=w["dishub"]), MANAGERS),
    "body_create": (lambda a, w: services.body_create(actor=a, city=w["city"], kind=Body.Kind.TEAM, name="Tim Pelaksana"), MANAGERS),
    "body_update": (lambda a, w: services.body_update(actor=a, body=w["body"], decree_number="188.45/512/KEP/2019"), MANAGERS),
    "body_delete": (lambda a, w: services.body_delete(actor=a, body=w["body"]), MANAGERS),
    "body_member_add": (lambda a, w: services.body_member_add(actor=a, body=w["body"], name="Joy Adriaansz", role="Anggota"), MANAGERS),
    "body_member_update": (lambda a, w: services.body_member_update(actor=a, member=w["member"], role="Ketua"), MANAGERS),
    "body_member_remove": (lambda a, w: services.body_member_remove(actor=a, member=w["member"]), MANAGERS),
    "stakeholder_create": (
        lambda a, w: services.stakeholder_create(actor=a, city=w["city"], name="Universitas Pattimura", type_code="academia"),
        MANAGERS,
    ),
    "stakeholder_update": (
        lambda a, w: services.stakeholder_update(actor=a, stakeholder=w["bumn"], phone="0911-312345"),
        STAKEHOLDER_EDITORS,
    ),
    "stakeholder_delete": (lambda a, w: services.stakeholder_delete(actor=a, stakeholder=w["perumda"]), MANAGERS),
    "commitment_create": (
        lambda a, w: services.commitment_create(
            actor=a,
            city=w["city"],
            signed_on=DAY,
            place="Ambon",
            text="Kami berkomitmen.",
            signatories=[
                {"kind": "official", "name": "A. G. Latuheru", "role": "Sekretaris Kota", "organisation": "Pemerintah Kota Ambon"}
            ],
        ),
        MANAGERS,
    ),
    "commitment_update": (
        lambda a, w: services.commitment_update(actor=a, commitment=w["commitment"], place="Hotel Santika Ambon"),
        MANAGERS,
    ),
    "commitment_delete": (lambda a, w: services.commitment_delete(actor=a, commitment=w["commitment"]), MANAGERS),
    "signatory_add": (
        lambda a, w: services.signatory_add(
            actor=a, commitment=w["commitment"], kind="opd", name="Wendy Pelupessy", role="Kepala Dinas", opd_id=w["dinkes"].pk
        ),
        MANAGERS,
    ),
    "signatory_update": (
        lambda a, w: services.signatory_update(actor=a, signatory=w["signatory"], on_behalf_of="Wali Kota Ambon"),
        MANAGERS,
    ),
    "signatory_remove": (lambda a, w: services.signatory_remove(actor=a, signatory=w["signatory"]), MANAGERS),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_role_for_every_write(action, persona, personas, world):
    write, allowed = ACTIONS[action]
    actor = personas[persona]
    audit_rows = AuditEvent.objects.count()
    if persona in allowed:
        write(actor, world)
        assert AuditEvent.objects.count() > audit_rows
        assert AuditEvent.objects.latest("id").actor == actor
    else:
        with pytest.raises(PermissionDenied):
            write(actor, world)
        assert AuditEvent.objects.count() == audit_rows


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_national_admins_enrol_a_city(persona, personas, tual):
    if persona == "kementerian":
        city = services.city_create(actor=personas[persona], region_code="81.01", cohort_id=tual.cohort_id)
        assert city.code == "81.01" and city.stage == Stage.INVITED and city.cohort_year == 2021
    else:
        with pytest.raises(PermissionDenied):
            services.city_create(actor=personas[persona], region_code="81.01", cohort_id=tual.cohort_id)
        assert not City.objects.filter(region_id="81.01").exists()


@pytest.mark.parametrize("code, error", [("99.99", "unknown_code"), ("81", "not_a_regency"), ("81.71.01", "not_a_regency")])
def test_city_create_refuses_what_is_not_a_regency(kementerian, code, error):
    with pytest.raises(ServiceError) as exc:
        services.city_create(actor=kementerian, region_code=code, cohort_id=CohortFactory().pk)
    assert exc.value.code == error and exc.value.field == "region_code"


def test_city_create_refuses_a_city_twice(kementerian, ambon):
    with pytest.raises(ServiceError) as exc:
        services.city_create(actor=kementerian, region_code="81.71", cohort_id=ambon.cohort_id)
    assert exc.value.code == "duplicate" and exc.value.status == 409 and "Kota Ambon" in exc.value.message


@pytest.mark.parametrize("cohort_id", [987654321, 0, "3"])
def test_a_city_cannot_join_a_cohort_that_does_not_exist(kementerian, ambon, cohort_id):
    with pytest.raises(ServiceError) as exc:
        services.city_update(actor=kementerian, city=ambon, cohort_id=cohort_id)
    assert exc.value.code == "unknown_reference" and exc.value.field == "cohort_id"
    assert City.objects.get(pk=ambon.pk).cohort_id == ambon.cohort_id


def test_the_ministry_moves_a_city_to_another_cohort_and_out_of_it(kementerian, ambon, tual):
    services.city_update(actor=kementerian, city=ambon, cohort_id=tual.cohort_id)
    assert City.objects.get(pk=ambon.pk).cohort_year == 2021
    services.city_update(actor=kementerian, city=City.objects.get(pk=ambon.pk), cohort_id=None)
    assert City.objects.get(pk=ambon.pk).cohort is None


def test_the_coordinator_keeps_the_cohort_the_ministry_chose(koordinator, ambon, tual):
    with pytest.raises(PermissionDenied):
        services.city_update(actor=koordinator, city=ambon, cohort_id=tual.cohort_id)
    assert City.objects.get(pk=ambon.pk).cohort_id == ambon.cohort_id
    services.city_update(actor=koordinator, city=ambon, cohort_id=ambon.cohort_id, mou_number="B-1/2019")  # unchanged: allowed


def test_city_update_audits_before_and_after(koordinator, ambon):
    services.city_update(actor=koordinator, city=ambon, mou_number="B-1234/2019")
    event = AuditEvent.objects.filter(model="cities.city", action="update").latest("id")
    assert event.actor == koordinator and event.actor_name == "koordinator"
    assert event.before["mou_number"] == "" and event.after["mou_number"] == "B-1234/2019"


def test_coordinator_cannot_publish_stage_through_city_update(koordinator, ambon):
    with pytest.raises(ServiceError) as exc:
        services.city_update(actor=koordinator, city=ambon, stage=Stage.EVALUATED)
    assert exc.value.code == "not_editable" and exc.value.field == "stage"


# --- lifecycle ------------------------------------------------------------------------------


def test_recording_a_stage_advances_the_city_and_keeps_the_date(koordinator, ambon):
    event = services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.MOU, reached_on=DAY, note="MoU di Jakarta")
    ambon.refresh_from_db()
    assert ambon.stage == Stage.MOU and event.reached_on == DAY and event.note == "MoU di Jakarta"


def test_recording_an_earlier_stage_never_moves_the_city_back(koordinator, ambon):
    services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.MOU, reached_on=DAY)
    services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.INVITED, reached_on=datetime.date(2019, 3, 4))
    ambon.refresh_from_db()
    assert ambon.stage == Stage.MOU


def test_recording_a_stage_again_corrects_its_date(koordinator, ambon):
    services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.MOU, reached_on=DAY)
    services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.MOU, reached_on=datetime.date(2019, 5, 24))
    assert list(ambon.stage_events.values_list("reached_on", flat=True)) == [datetime.date(2019, 5, 24)]
    update = AuditEvent.objects.filter(model="cities.stageevent", action="update").latest("id")
    assert update.before["reached_on"] == "2019-05-23" and update.after["reached_on"] == "2019-05-24"


def test_a_stage_in_the_future_is_refused(koordinator, ambon):
    with pytest.raises(ServiceError) as exc:
        services.city_record_stage(
            actor=koordinator, city=ambon, stage=Stage.MOU, reached_on=datetime.date.today() + datetime.timedelta(days=3)
        )
    assert exc.value.code == "date_in_future" and exc.value.field == "reached_on"
    assert not ambon.stage_events.exists()


def test_a_stage_out_of_the_usual_order_is_accepted_and_shown_as_a_warning(koordinator, ambon):
    services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.MOU, reached_on=DAY)
    services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.BODIES, reached_on=datetime.date(2019, 5, 1))
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BODIES
    [warning] = selectors.stage_cycles(ambon)["current"]["warnings"]
    assert str(Stage.BODIES.label) in warning and str(Stage.MOU.label) in warning


def test_unknown_stage_is_refused(koordinator, ambon):
    with pytest.raises(ServiceError) as exc:
        services.city_record_stage(actor=koordinator, city=ambon, stage="launched", reached_on=DAY)
    assert exc.value.code == "invalid" and exc.value.field == "stage"


def test_removing_the_furthest_stage_moves_the_city_back(koordinator, ambon):
    StageEventFactory(city=ambon, stage=Stage.SELECTED)
    services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.MOU, reached_on=DAY)
    services.stage_event_delete(actor=koordinator, event=ambon.stage_events.get(stage=Stage.MOU))
    ambon.refresh_from_db()
    assert ambon.stage == Stage.SELECTED
    assert AuditEvent.objects.filter(model="cities.stageevent", action="delete", actor=koordinator).exists()


# --- departments, bodies, stakeholders ------------------------------------------------------


@pytest.mark.parametrize(
    "name, short_name, field",
    [
        ("dinas kesehatan", "Dinkes2", "name"),
        ("Dinas Kesehatan Kota", "DINKES", "short_name"),
    ],
)
def test_duplicate_department_is_refused_with_a_clear_message(koordinator, dinkes, name, short_name, field):
    with pytest.raises(ServiceError) as exc:
        services.opd_create(actor=koordinator, city=dinkes.city, name=name, short_name=short_name)
    assert exc.value.code == "duplicate" and exc.value.status == 409 and exc.value.field == field
    assert "Kota Ambon" in exc.value.message
    assert not Opd.objects.filter(short_name__in=["Dinkes2", "DINKES"]).exists()


def test_renaming_a_department_onto_another_is_refused(koordinator, dinkes, dishub):
    with pytest.raises(ServiceError) as exc:
        services.opd_update(actor=koordinator, opd=dishub, short_name="dinkes")
    assert exc.value.code == "duplicate"


def test_renaming_a_department_to_itself_is_fine(koordinator, dinkes):
    services.opd_update(actor=koordinator, opd=dinkes, name="Dinas Kesehatan", head_name="dr. Wendy")
    assert Opd.objects.get(pk=dinkes.pk).head_name == "dr. Wendy"


def test_operator_cannot_make_their_department_the_leading_sector(operator_dinkes, dinkes):
    with pytest.raises(ServiceError) as exc:
        services.opd_update(actor=operator_dinkes, opd=dinkes, is_leading_sector=True)
    assert exc.value.code == "not_editable"


def test_operator_editing_another_department_is_forbidden(operator_dinkes, dishub):
    with pytest.raises(PermissionDenied, match="perangkat daerah Anda sendiri"):
        services.opd_update(actor=operator_dinkes, opd=dishub, head_name="X")


def test_department_still_used_by_an_account_cannot_be_deleted(koordinator, operator_dinkes, dinkes):
    with pytest.raises(ServiceError) as exc:
        services.opd_delete(actor=koordinator, opd=dinkes)
    assert exc.value.code == "still_linked"
    assert Opd.objects.filter(pk=dinkes.pk).exists()


def test_stakeholder_account_changes_only_contact_details(mitra, bumn):
    services.stakeholder_update(actor=mitra, stakeholder=bumn, contact_person="Marthen L.", email="marthen@telkom.co.id")
    with pytest.raises(ServiceError) as exc:
        services.stakeholder_update(actor=mitra, stakeholder=bumn, name="PT Telkom")
    assert exc.value.code == "not_editable"
    bumn.refresh_from_db()
    assert bumn.contact_person == "Marthen L." and bumn.name.startswith("PT Telkom Indonesia")


def test_duplicate_stakeholder_is_refused(koordinator, bumn):
    with pytest.raises(ServiceError) as exc:
        services.stakeholder_create(actor=koordinator, city=bumn.city, name=bumn.name.upper(), type_code=bumn.type.code)
    assert exc.value.code == "duplicate"


def test_duplicate_body_is_refused(koordinator, world):
    with pytest.raises(ServiceError) as exc:
        services.body_create(actor=koordinator, city=world["city"], kind=Body.Kind.COUNCIL, name="Dewan Smart City Kota Ambon")
    assert exc.value.code == "duplicate"


def test_member_from_another_citys_department_is_refused(koordinator, world, tual):
    from kotacerdas.cities.tests.factories import OpdFactory

    other = OpdFactory(city=tual)
    with pytest.raises(ServiceError) as exc:
        services.body_member_add(actor=koordinator, body=world["body"], name="X", role="Anggota", opd_id=other.pk)
    assert exc.value.code == "unknown_reference" and exc.value.field == "opd_id" and "Tual" not in exc.value.message


def test_member_audit_is_scoped_to_the_city(koordinator, world):
    member = services.body_member_add(actor=koordinator, body=world["body"], name="Joy Adriaansz", role="Anggota")
    event = AuditEvent.objects.get(model="cities.bodymember", object_pk=str(member.pk))
    assert event.city == world["city"] and event.after["name"] == "Joy Adriaansz"


# --- commitment -----------------------------------------------------------------------------


def _signatories(world):
    return [
        {
            "kind": Signatory.Kind.OFFICIAL,
            "name": "A. G. Latuheru",
            "role": "Sekretaris Kota Ambon",
            "organisation": "Pemerintah Kota Ambon",
            "on_behalf_of": "Wali Kota Ambon",
        },
        {"kind": Signatory.Kind.OPD, "name": "Wendy Pelupessy", "role": "Kepala Dinas Kesehatan", "opd_id": world["dinkes"].pk},
        {"kind": Signatory.Kind.STAKEHOLDER, "name": "Marthen Leiwakabessy", "role": "Manager", "stakeholder_id": world["bumn"].pk},
    ]


def test_commitment_with_signatories_reaches_the_commitment_stage(koordinator, world):
    commitment = services.commitment_create(
        actor=koordinator,
        city=world["city"],
        signed_on=datetime.date(2019, 10, 15),
        place="Hotel Santika Premiere Ambon",
        text="Kami berkomitmen.",
        signatories=_signatories(world),
    )
    assert [s.organisation for s in commitment.signatories.all()] == [
        "Pemerintah Kota Ambon",
        "Dinas Kesehatan",
        "PT Telkom Indonesia (Persero) Witel Maluku",
    ]
    assert [s.order for s in commitment.signatories.all()] == [1, 2, 3]
    world["city"].refresh_from_db()
    assert world["city"].stage == Stage.COMMITMENT
    assert StageEvent.objects.get(city=world["city"], stage=Stage.COMMITMENT).reached_on == datetime.date(2019, 10, 15)


@pytest.mark.parametrize(
    "broken, code, field",
    [
        ({"name": "  "}, "required", "signatories.2.name"),
        ({"role": ""}, "required", "signatories.2.role"),
        ({"kind": "mayor"}, "invalid", "signatories.2.kind"),
        ({"stakeholder_id": 987654321}, "unknown_reference", "signatories.2.stakeholder_id"),
    ],
)
def test_one_bad_signatory_writes_nothing(koordinator, world, broken, code, field):
    signatories = _signatories(world)
    signatories[2] = {**signatories[2], **broken}
    before = (Commitment.objects.count(), Signatory.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as exc:
        services.commitment_create(
            actor=koordinator, city=world["city"], signed_on=DAY, place="Ambon", text="Kami berkomitmen.", signatories=signatories
        )
    assert exc.value.code == code and exc.value.field == field
    if code == "required":
        assert "3" in exc.value.message  # people count signatories from 1
    assert (Commitment.objects.count(), Signatory.objects.count(), AuditEvent.objects.count()) == before
    world["city"].refresh_from_db()
    assert world["city"].stage == Stage.SELECTED


def test_signatory_added_later_comes_last(koordinator, world):
    added = services.signatory_add(
        actor=koordinator,
        commitment=world["commitment"],
        kind="stakeholder",
        name="Ratna Tuasikal",
        role="Direktur",
        stakeholder_id=world["bumn"].pk,
    )
    assert added.order == 2 and added.organisation == world["bumn"].name


def test_renaming_a_signatory_to_nothing_is_refused(koordinator, world):
    with pytest.raises(ServiceError) as exc:
        services.signatory_update(actor=koordinator, signatory=world["signatory"], name="")
    assert exc.value.code == "required" and exc.value.field == "name"


def test_deleting_a_body_audits_each_member(koordinator, world):
    services.body_delete(actor=koordinator, body=world["body"])
    actions = set(AuditEvent.objects.filter(actor=koordinator).values_list("model", "action"))
    assert actions == {("cities.bodymember", "delete"), ("cities.body", "delete")}


def test_deleting_a_commitment_audits_each_signatory(koordinator, world):
    services.commitment_delete(actor=koordinator, commitment=world["commitment"])
    assert not Commitment.objects.exists() and not Signatory.objects.exists()
    actions = set(AuditEvent.objects.filter(actor=koordinator).values_list("model", "action"))
    assert actions == {("cities.signatory", "delete"), ("cities.commitment", "delete")}


def test_city_enrolment_is_audited(kementerian):
    cohort = CohortFactory(year=2021, stage_number=None)
    city = services.city_create(actor=kementerian, region_code="81.72", cohort_id=cohort.pk)
    event = AuditEvent.objects.get(model="cities.city", object_pk=str(city.pk))
    assert event.action == "create" and event.actor == kementerian and event.after["cohort"] == cohort.pk
    assert City.objects.get(pk=city.pk).cohort_year == 2021
