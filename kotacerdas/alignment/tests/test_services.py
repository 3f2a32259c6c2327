"""Rules of the alignment services: plans, items, links, import; every write audited, nothing half-written."""

import io

import pytest
from openpyxl import Workbook

from kotacerdas.alignment import services
from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.alignment.tests.factories import (
    PlanDocumentFactory,
    PlanItemFactory,
    ProgrammeFactory,
    ProgrammeLinkFactory,
)
from kotacerdas.cities.tests.factories import OpdFactory
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent

Kind = PlanDocument.Kind
I = PlanItem.Kind  # noqa: E741


def _doc(actor, city, **kw):
    data = {"kind": Kind.RPJMD, "title": "RPJMD Kota Ambon 2017–2022", "start_year": 2017, "end_year": 2022} | kw
    return services.plan_document_create(actor=actor, city=city, **data)


# --- documents --------------------------------------------------------------------------------


def test_create_rpjmd_is_audited(koordinator, ambon):
    doc = _doc(koordinator, ambon, legal_basis="  Perda Nomor 6 Tahun 2017 ")
    assert doc.legal_basis == "Perda Nomor 6 Tahun 2017"
    event = AuditEvent.objects.get(model="alignment.plandocument", object_pk=str(doc.pk))
    assert event.action == "create" and event.actor == koordinator and event.city == ambon


def test_renstra_needs_a_department(koordinator, ambon):
    with pytest.raises(ServiceError) as exc:
        _doc(koordinator, ambon, kind=Kind.RENSTRA, title="Renstra Dinkes")
    assert exc.value.code == "required" and exc.value.field == "opd_id"
    assert not PlanDocument.objects.exists()


def test_renstra_of_another_citys_department_is_refused(koordinator, ambon, tual):
    other = OpdFactory(city=tual, name="Dinas Rahasia")
    with pytest.raises(ServiceError) as exc:
        _doc(koordinator, ambon, kind=Kind.RENSTRA, title="Renstra", opd_id=other)
    assert exc.value.code == "unknown_reference" and exc.value.field == "opd_id" and "Rahasia" not in exc.value.message


def test_rpjmd_has_no_department(koordinator, ambon, dinkes):
    with pytest.raises(ServiceError) as exc:
        _doc(koordinator, ambon, opd_id=dinkes)
    assert exc.value.code == "plan_opd_not_allowed"


@pytest.mark.parametrize(
    "kind, start, end, code",
    [
        (Kind.RPJMD, 2022, 2017, "range_reversed"),
        (Kind.RPJMD, 2017, 2025, "plan_period_too_long"),
        (Kind.RKPD, 2021, 2022, "plan_period_too_long"),
        (Kind.RPJPD, 2005, 2030, "plan_period_too_long"),
    ],
)
def test_periods_are_checked(koordinator, ambon, kind, start, end, code):
    with pytest.raises(ServiceError) as exc:
        _doc(koordinator, ambon, kind=kind, start_year=start, end_year=end)
    assert exc.value.code == code


def test_two_rpjmd_starting_the_same_year_conflict(koordinator, ambon):
    _doc(koordinator, ambon)
    with pytest.raises(ServiceError) as exc:
        _doc(koordinator, ambon, title="RPJMD lain")
    assert exc.value.code == "duplicate" and exc.value.status == 409


def test_update_document_audits_before_and_after(koordinator, ambon, dinkes):
    doc = _doc(koordinator, ambon, kind=Kind.RENSTRA, title="Renstra Dinkes", opd_id=dinkes)
    services.plan_document_update(actor=koordinator, document=doc, title="Renstra Dinas Kesehatan")
    event = AuditEvent.objects.get(model="alignment.plandocument", action="update")
    assert event.before["title"] == "Renstra Dinkes" and event.after["title"] == "Renstra Dinas Kesehatan"
    with pytest.raises(ServiceError) as exc:
        services.plan_document_update(actor=koordinator, document=doc, opd_id=None)
    assert exc.value.code == "required"
    with pytest.raises(ServiceError) as exc:
        services.plan_document_update(actor=koordinator, document=doc, city=ambon)
    assert exc.value.code == "not_editable"


def test_delete_document_with_links_conflicts(koordinator, rpjmd_programme, programme_dinkes):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    with pytest.raises(ServiceError) as exc:
        services.plan_document_delete(actor=koordinator, document=rpjmd_programme.document)
    assert exc.value.code == "still_linked"
    assert PlanItem.objects.filter(pk=rpjmd_programme.pk).exists()


def test_delete_document_removes_its_items(koordinator, rpjmd_programme):
    services.plan_document_delete(actor=koordinator, document=rpjmd_programme.document)
    assert not PlanItem.objects.exists()
    assert AuditEvent.objects.filter(model="alignment.plandocument", action="delete").exists()


# --- items ------------------------------------------------------------------------------------


def test_tree_vision_mission_goal_programme_activity_sub(koordinator, rpjmd):
    vision = services.plan_item_create(
        actor=koordinator, document=rpjmd, kind=I.VISION, text="Ambon yang Harmonis, Sejahtera, dan Religius"
    )
    mission = services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.MISSION, text="Tata kelola", parent_id=vision)
    goal = services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.GOAL, text="Pelayanan publik", parent_id=mission)
    prog = services.plan_item_create(
        actor=koordinator, document=rpjmd, kind=I.PROGRAMME, code="2.16.03", text="Aplikasi Informatika", parent_id=goal
    )
    act = services.plan_item_create(
        actor=koordinator, document=rpjmd, kind=I.ACTIVITY, code="2.16.03.2.02", text="E-Government", parent_id=prog
    )
    sub = services.plan_item_create(
        actor=koordinator, document=rpjmd, kind=I.SUB_ACTIVITY, code="2.16.03.2.02.0001", text="Pusat data", parent_id=act
    )
    assert sub.parent.parent.parent.parent.parent == vision
    assert AuditEvent.objects.filter(model="alignment.planitem", action="create").count() == 6
    assert [i.order for i in (vision, mission, goal)] == [1, 1, 1]


@pytest.mark.parametrize(
    "kind, code, error",
    [
        (I.PROGRAMME, "", "required"),
        (I.PROGRAMME, "2.16.02.1.01", "nomenclature_code_invalid"),
        (I.PROGRAMME, "X.XX.01", "nomenclature_code_invalid"),
        (I.PROGRAMME, "2.16.2", "nomenclature_code_invalid"),
        (I.GOAL, "abc", "nomenclature_code_invalid"),
    ],
)
def test_invalid_codes(koordinator, rpjmd, kind, code, error):
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd, kind=kind, code=code, text="Program")
    assert exc.value.code == error and exc.value.field == "code"


def test_duplicate_code_within_a_plan(koordinator, rpjmd_programme):
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd_programme.document, kind=I.PROGRAMME, code="1.02.02", text="Lagi")
    assert exc.value.code == "duplicate" and exc.value.field == "code"


def test_same_code_in_another_plan_is_fine(koordinator, ambon, rpjmd_programme):
    rkpd = PlanDocumentFactory(city=ambon, kind=Kind.RKPD, start_year=2021, end_year=2021)
    item = services.plan_item_create(actor=koordinator, document=rkpd, kind=I.PROGRAMME, code="1.02.02", text="Upaya Kesehatan")
    assert item.code == rpjmd_programme.code


@pytest.mark.parametrize(
    "kind, parent_kind",
    [
        (I.MISSION, None),
        (I.MISSION, I.GOAL),
        (I.VISION, I.VISION),
        (I.ACTIVITY, I.GOAL),
        (I.SUB_ACTIVITY, I.PROGRAMME),
    ],
)
def test_kind_order_is_enforced(koordinator, rpjmd, kind, parent_kind):
    parent = (
        PlanItemFactory(document=rpjmd, kind=parent_kind, code="2.16.02" if parent_kind == I.PROGRAMME else "") if parent_kind else None
    )
    code = {I.ACTIVITY: "2.16.02.2.01", I.SUB_ACTIVITY: "2.16.02.2.01.0001"}.get(kind, "")
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd, kind=kind, code=code, text="Butir", parent_id=parent)
    assert exc.value.code == "parent_kind_not_allowed"


def test_parent_must_be_in_the_same_plan(koordinator, ambon, rpjmd):
    other = PlanDocumentFactory(city=ambon, kind=Kind.RKPD, start_year=2021, end_year=2021)
    goal = PlanItemFactory(document=other, kind=I.GOAL, code="")
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.PROGRAMME, code="2.16.02", text="Program", parent_id=goal)
    assert exc.value.code == "parent_other_plan"


def test_activity_code_extends_its_programme(koordinator, rpjmd_programme):
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(
            actor=koordinator,
            document=rpjmd_programme.document,
            kind=I.ACTIVITY,
            code="2.16.02.2.01",
            text="Kegiatan",
            parent_id=rpjmd_programme,
        )
    assert exc.value.code == "code_outside_parent"


def test_item_cannot_move_under_its_own_child(koordinator, rpjmd):
    vision = PlanItemFactory(document=rpjmd, kind=I.VISION, code="")
    mission = PlanItemFactory(document=rpjmd, kind=I.MISSION, code="", parent=vision)
    goal = PlanItemFactory(document=rpjmd, kind=I.GOAL, code="", parent=mission)
    with pytest.raises(ServiceError) as exc:
        services.plan_item_update(actor=koordinator, item=mission, parent_id=goal)
    assert exc.value.code in {"parent_cycle", "parent_kind_not_allowed"}
    with pytest.raises(ServiceError) as exc:
        services.plan_item_update(actor=koordinator, item=goal, parent_id=goal)
    assert exc.value.code == "parent_cycle"


def test_update_item_keeps_its_code_unique(koordinator, rpjmd):
    PlanItemFactory(document=rpjmd, code="2.16.02")
    other = PlanItemFactory(document=rpjmd, code="2.16.03")
    with pytest.raises(ServiceError) as exc:
        services.plan_item_update(actor=koordinator, item=other, code="2.16.02")
    assert exc.value.code == "duplicate"
    updated = services.plan_item_update(actor=koordinator, item=other, text="Program Pengelolaan Aplikasi Informatika")
    assert updated.text == "Program Pengelolaan Aplikasi Informatika"


def test_deleting_a_linked_item_conflicts(koordinator, rpjmd_programme, programme_dinkes):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    with pytest.raises(ServiceError) as exc:
        services.plan_item_delete(actor=koordinator, item=rpjmd_programme)
    assert exc.value.code == "still_linked" and exc.value.status == 409


def test_deleting_a_parent_whose_child_is_linked_conflicts(koordinator, rpjmd_programme, programme_dinkes):
    activity = PlanItemFactory(document=rpjmd_programme.document, kind=I.ACTIVITY, code="1.02.02.2.01", parent=rpjmd_programme)
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=activity)
    with pytest.raises(ServiceError):
        services.plan_item_delete(actor=koordinator, item=rpjmd_programme)
    assert PlanItem.objects.count() == 2


def test_delete_item_with_children(koordinator, rpjmd_programme):
    PlanItemFactory(document=rpjmd_programme.document, kind=I.ACTIVITY, code="1.02.02.2.01", parent=rpjmd_programme)
    services.plan_item_delete(actor=koordinator, item=rpjmd_programme)
    assert not PlanItem.objects.exists()
    assert AuditEvent.objects.filter(model="alignment.planitem", action="delete").count() == 1


# --- links ------------------------------------------------------------------------------------


def _link(actor, programme, plan_item, **kw):
    return services.programme_link_create(actor=actor, city=programme.masterplan.city, programme_id=programme, plan_item_id=plan_item, **kw)


def test_link_and_unlink(operator_dinkes, programme_dinkes, rpjmd_programme):
    link = _link(operator_dinkes, programme_dinkes, rpjmd_programme, note=" RPJMD misi 2 ")
    assert link.note == "RPJMD misi 2"
    assert AuditEvent.objects.get(model="alignment.programmelink", action="create").city == programme_dinkes.masterplan.city
    services.programme_link_delete(actor=operator_dinkes, link=link)
    assert not ProgrammeLink.objects.exists()


def test_link_by_ids(koordinator, ambon, programme_dinkes, rpjmd_programme):
    link = services.programme_link_create(actor=koordinator, city=ambon, programme_id=programme_dinkes.pk, plan_item_id=rpjmd_programme.pk)
    assert (link.programme, link.plan_item) == (programme_dinkes, rpjmd_programme)


def test_duplicate_link(koordinator, programme_dinkes, rpjmd_programme):
    _link(koordinator, programme_dinkes, rpjmd_programme)
    with pytest.raises(ServiceError) as exc:
        _link(koordinator, programme_dinkes, rpjmd_programme)
    assert exc.value.code == "duplicate" and exc.value.status == 409


def test_link_to_another_citys_programme(kementerian, tual, rpjmd_programme):
    """The plan item of Ambon is no plan item of Tual: it answers like one that does not exist."""
    programme = ProgrammeFactory(masterplan__city=tual)
    with pytest.raises(ServiceError) as exc:
        _link(kementerian, programme, rpjmd_programme)
    assert exc.value.code == "unknown_reference" and exc.value.field == "plan_item_id"
    assert rpjmd_programme.text not in exc.value.message


def test_vision_is_not_linkable(koordinator, rpjmd, programme_dinkes):
    vision = PlanItemFactory(document=rpjmd, kind=I.VISION, code="")
    with pytest.raises(ServiceError) as exc:
        _link(koordinator, programme_dinkes, vision)
    assert exc.value.code == "not_linkable"


# --- import -----------------------------------------------------------------------------------


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Kind", "Code", "Text", "Parent code"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_import_builds_the_tree(koordinator, rpjmd):
    workbook = _xlsx(
        [
            ["visi", "", "Ambon yang Harmonis, Sejahtera, dan Religius", ""],
            ["misi", "", "Tata kelola pemerintahan yang baik", ""],
            ["tujuan", "", "Pelayanan publik berkualitas", ""],
            ["program", "2.16.03", "Program Pengelolaan Aplikasi Informatika", ""],
            ["kegiatan", "2.16.03.2.02", "Pengelolaan E-Government", "2.16.03"],
            ["sub kegiatan", "2.16.03.2.02.0001", "Pusat data", "2.16.03.2.02"],
        ]
    )
    created = services.plan_items_import(actor=koordinator, document=rpjmd, file=workbook)
    assert [i.kind for i in created] == [I.VISION, I.MISSION, I.GOAL, I.PROGRAMME, I.ACTIVITY, I.SUB_ACTIVITY]
    assert created[3].parent == created[2] and created[5].parent == created[4]


def test_import_is_all_or_nothing_with_row_errors(koordinator, rpjmd):
    workbook = _xlsx(
        [
            ["program", "2.16.03", "Program Pengelolaan Aplikasi Informatika", ""],
            ["program", "2.16.3", "Kode salah", ""],
            ["planet", "", "Jenis salah", ""],
            ["kegiatan", "2.16.09.2.01", "Induk tidak ada", "2.16.09"],
        ]
    )
    with pytest.raises(services.ImportRejected) as exc:
        services.plan_items_import(actor=koordinator, document=rpjmd, file=workbook)
    assert exc.value.code == "import_rejected"
    assert [number for number, _msg in exc.value.rows] == [3, 4, 5]
    assert not PlanItem.objects.exists()
    assert not AuditEvent.objects.filter(model="alignment.planitem").exists()


def test_import_rejects_a_file_that_is_not_a_workbook():
    with pytest.raises(ServiceError) as exc:
        services.read_items_xlsx(io.BytesIO(b"kind,code,text\n"))
    assert exc.value.code == "file_invalid"


def test_import_needs_the_columns():
    book = Workbook()
    book.active.append(["jenis", "kode"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with pytest.raises(ServiceError) as exc:
        services.read_items_xlsx(buffer)
    assert exc.value.code == "import_columns_missing"
