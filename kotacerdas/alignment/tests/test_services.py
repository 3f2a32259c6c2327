"""Rules of the alignment services: plans, items, links, import; every write audited, nothing half-written."""
import io

import pytest
from openpyxl import Workbook

from kotacerdas.alignment import services
from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.alignment.tests.factories import PlanDocumentFactory, PlanItemFactory, ProgrammeFactory, ProgrammeLinkFactory
from kotacerdas.cities.tests.factories import OpdFactory
from kotacerdas.core.errors import Conflict, ServiceError
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
    assert exc.value.code == "opd_required" and exc.value.field == "opd"
    assert not PlanDocument.objects.exists()


def test_renstra_of_another_citys_department_is_refused(koordinator, ambon, tual):
    with pytest.raises(ServiceError) as exc:
        _doc(koordinator, ambon, kind=Kind.RENSTRA, title="Renstra", opd=OpdFactory(city=tual))
    assert exc.value.code == "opd_other_city"


def test_rpjmd_has_no_department(koordinator, ambon, dinkes):
    with pytest.raises(ServiceError) as exc:
        _doc(koordinator, ambon, opd=dinkes)
    assert exc.value.code == "opd_not_allowed"


@pytest.mark.parametrize("kind, start, end, code", [
    (Kind.RPJMD, 2022, 2017, "years_reversed"),
    (Kind.RPJMD, 2017, 2025, "period_invalid"),
    (Kind.RKPD, 2021, 2022, "period_invalid"),
    (Kind.RPJPD, 2005, 2030, "period_invalid"),
])
def test_periods_are_checked(koordinator, ambon, kind, start, end, code):
    with pytest.raises(ServiceError) as exc:
        _doc(koordinator, ambon, kind=kind, start_year=start, end_year=end)
    assert exc.value.code == code


def test_two_rpjmd_starting_the_same_year_conflict(koordinator, ambon):
    _doc(koordinator, ambon)
    with pytest.raises(Conflict) as exc:
        _doc(koordinator, ambon, title="RPJMD lain")
    assert exc.value.code == "duplicate_plan"


def test_update_document_audits_before_and_after(koordinator, ambon, dinkes):
    doc = _doc(koordinator, ambon, kind=Kind.RENSTRA, title="Renstra Dinkes", opd=dinkes)
    services.plan_document_update(actor=koordinator, document=doc, title="Renstra Dinas Kesehatan")
    event = AuditEvent.objects.get(model="alignment.plandocument", action="update")
    assert event.before["title"] == "Renstra Dinkes" and event.after["title"] == "Renstra Dinas Kesehatan"
    with pytest.raises(ServiceError) as exc:
        services.plan_document_update(actor=koordinator, document=doc, opd=None)
    assert exc.value.code == "opd_required"
    with pytest.raises(ServiceError):
        services.plan_document_update(actor=koordinator, document=doc, city=ambon)


def test_delete_document_with_links_conflicts(koordinator, rpjmd_programme, programme_dinkes):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    with pytest.raises(Conflict) as exc:
        services.plan_document_delete(actor=koordinator, document=rpjmd_programme.document)
    assert exc.value.code == "still_linked"
    assert PlanItem.objects.filter(pk=rpjmd_programme.pk).exists()


def test_delete_document_removes_its_items(koordinator, rpjmd_programme):
    services.plan_document_delete(actor=koordinator, document=rpjmd_programme.document)
    assert not PlanItem.objects.exists()
    assert AuditEvent.objects.filter(model="alignment.plandocument", action="delete").exists()


# --- items ------------------------------------------------------------------------------------

def test_tree_vision_mission_goal_programme_activity_sub(koordinator, rpjmd):
    vision = services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.VISION, text="Ambon yang Harmonis, Sejahtera, dan Religius")
    mission = services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.MISSION, text="Tata kelola", parent=vision)
    goal = services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.GOAL, text="Pelayanan publik", parent=mission)
    prog = services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.PROGRAMME, code="2.16.03", text="Aplikasi Informatika", parent=goal)
    act = services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.ACTIVITY, code="2.16.03.2.02", text="E-Government", parent=prog)
    sub = services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.SUB_ACTIVITY, code="2.16.03.2.02.0001", text="Pusat data", parent=act)
    assert sub.parent.parent.parent.parent.parent == vision
    assert AuditEvent.objects.filter(model="alignment.planitem", action="create").count() == 6
    assert [i.order for i in (vision, mission, goal)] == [1, 1, 1]


@pytest.mark.parametrize("kind, code, error", [
    (I.PROGRAMME, "", "code_required"),
    (I.PROGRAMME, "2.16.02.1.01", "invalid_code"),
    (I.PROGRAMME, "X.XX.01", "invalid_code"),
    (I.PROGRAMME, "2.16.2", "invalid_code"),
    (I.GOAL, "abc", "invalid_code"),
])
def test_invalid_codes(koordinator, rpjmd, kind, code, error):
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd, kind=kind, code=code, text="Program")
    assert exc.value.code == error and exc.value.field == "code"


def test_duplicate_code_within_a_plan(koordinator, rpjmd_programme):
    with pytest.raises(Conflict) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd_programme.document, kind=I.PROGRAMME, code="1.02.02", text="Lagi")
    assert exc.value.code == "duplicate_code"


def test_same_code_in_another_plan_is_fine(koordinator, ambon, rpjmd_programme):
    rkpd = PlanDocumentFactory(city=ambon, kind=Kind.RKPD, start_year=2021, end_year=2021)
    item = services.plan_item_create(actor=koordinator, document=rkpd, kind=I.PROGRAMME, code="1.02.02", text="Upaya Kesehatan")
    assert item.code == rpjmd_programme.code


@pytest.mark.parametrize("kind, parent_kind", [
    (I.MISSION, None), (I.MISSION, I.GOAL), (I.VISION, I.VISION), (I.ACTIVITY, I.GOAL), (I.SUB_ACTIVITY, I.PROGRAMME),
])
def test_kind_order_is_enforced(koordinator, rpjmd, kind, parent_kind):
    parent = PlanItemFactory(document=rpjmd, kind=parent_kind, code="2.16.02" if parent_kind == I.PROGRAMME else "") if parent_kind else None
    code = {I.ACTIVITY: "2.16.02.2.01", I.SUB_ACTIVITY: "2.16.02.2.01.0001"}.get(kind, "")
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd, kind=kind, code=code, text="Butir", parent=parent)
    assert exc.value.code == "invalid_parent"


def test_parent_must_be_in_the_same_plan(koordinator, ambon, rpjmd):
    other = PlanDocumentFactory(city=ambon, kind=Kind.RKPD, start_year=2021, end_year=2021)
    goal = PlanItemFactory(document=other, kind=I.GOAL, code="")
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd, kind=I.PROGRAMME, code="2.16.02", text="Program", parent=goal)
    assert exc.value.code == "parent_other_plan"


def test_activity_code_extends_its_programme(koordinator, rpjmd_programme):
    with pytest.raises(ServiceError) as exc:
        services.plan_item_create(actor=koordinator, document=rpjmd_programme.document, kind=I.ACTIVITY, code="2.16.02.2.01", text="Kegiatan", parent=rpjmd_programme)
    assert exc.value.code == "code_outside_parent"


def test_item_cannot_move_under_its_own_child(koordinator, rpjmd):
    vision = PlanItemFactory(document=rpjmd, kind=I.VISION, code="")
    mission = PlanItemFactory(document=rpjmd, kind=I.MISSION, code="", parent=vision)
    goal = PlanItemFactory(document=rpjmd, kind=I.GOAL, code="", parent=mission)
    with pytest.raises(ServiceError) as exc:
        services.plan_item_update(actor=koordinator, item=mission, parent=goal)
    assert exc.value.code in {"parent_cycle", "invalid_parent"}
    with pytest.raises(ServiceError) as exc:
        services.plan_item_update(actor=koordinator, item=goal, parent=goal)
    assert exc.value.code == "parent_cycle"


def test_update_item_keeps_its_code_unique(koordinator, rpjmd):
    PlanItemFactory(document=rpjmd, code="2.16.02")
    other = PlanItemFactory(document=rpjmd, code="2.16.03")
    with pytest.raises(Conflict):
        services.plan_item_update(actor=koordinator, item=other, code="2.16.02")
    updated = services.plan_item_update(actor=koordinator, item=other, text="Program Pengelolaan Aplikasi Informatika")
    assert updated.text == "Program Pengelolaan Aplikasi Informatika"


def test_deleting_a_linked_item_conflicts(koordinator, rpjmd_programme, programme_dinkes):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    with pytest.raises(Conflict) as exc:
        services.plan_item_delete(actor=koordinator, item=rpjmd_programme)
    assert exc.value.code == "still_linked"


def test_deleting_a_parent_whose_child_is_linked_conflicts(koordinator, rpjmd_programme, programme_dinkes):
    activity = PlanItemFactory(document=rpjmd_programme.document, kind=I.ACTIVITY, code="1.02.02.2.01", parent=rpjmd_programme)
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=activity)
    with pytest.raises(Conflict):
        services.plan_item_delete(actor=koordinator, item=rpjmd_programme)
    assert PlanItem.objects.count() == 2


def test_delete_item_with_children(koordinator, rpjmd_programme):
    PlanItemFactory(document=rpjmd_programme.document, kind=I.ACTIVITY, code="1.02.02.2.01", parent=rpjmd_programme)
    services.plan_item_delete(actor=koordinator, item=rpjmd_programme)
    assert not PlanItem.objects.exists()
    assert AuditEvent.objects.filter(model="alignment.planitem", action="delete").count() == 1


# --- links ------------------------------------------------------------------------------------

def test_link_and_unlink(operator_dinkes, programme_dinkes, rpjmd_programme):
    link = services.programme_link_create(actor=operator_dinkes, programme=programme_dinkes, plan_item=rpjmd_programme, note=" RPJMD misi 2 ")
    assert link.note == "RPJMD misi 2"
    assert AuditEvent.objects.get(model="alignment.programmelink", action="create").city == programme_dinkes.masterplan.city
    services.programme_link_delete(actor=operator_dinkes, link=link)
    assert not ProgrammeLink.objects.exists()


def test_duplicate_link(koordinator, programme_dinkes, rpjmd_programme):
    services.programme_link_create(actor=koordinator, programme=programme_dinkes, plan_item=rpjmd_programme)
    with pytest.raises(Conflict) as exc:
        services.programme_link_create(actor=koordinator, programme=programme_dinkes, plan_item=rpjmd_programme)
    assert exc.value.code == "duplicate_link"


def test_link_to_another_citys_programme(kementerian, tual, rpjmd_programme):
    programme = ProgrammeFactory(masterplan__city=tual)
    with pytest.raises(ServiceError) as exc:
        services.programme_link_create(actor=kementerian, programme=programme, plan_item=rpjmd_programme)
    assert exc.value.code == "other_city"


def test_vision_is_not_linkable(koordinator, rpjmd, programme_dinkes):
    vision = PlanItemFactory(document=rpjmd, kind=I.VISION, code="")
    with pytest.raises(ServiceError) as exc:
        services.programme_link_create(actor=koordinator, programme=programme_dinkes, plan_item=vision)
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
    rows = services.read_items_xlsx(_xlsx([
        ["visi", "", "Ambon yang Harmonis, Sejahtera, dan Religius", ""],
        ["misi", "", "Tata kelola pemerintahan yang baik", ""],
        ["tujuan", "", "Pelayanan publik berkualitas", ""],
        ["program", "2.16.03", "Program Pengelolaan Aplikasi Informatika", ""],
        ["kegiatan", "2.16.03.2.02", "Pengelolaan E-Government", "2.16.03"],
        ["sub kegiatan", "2.16.03.2.02.0001", "Pusat data", "2.16.03.2.02"],
    ]))
    created = services.plan_items_import(actor=koordinator, document=rpjmd, rows=rows)
    assert [i.kind for i in created] == [I.VISION, I.MISSION, I.GOAL, I.PROGRAMME, I.ACTIVITY, I.SUB_ACTIVITY]
    assert created[3].parent == created[2] and created[5].parent == created[4]


def test_import_is_all_or_nothing_with_row_errors(koordinator, rpjmd):
    rows = services.read_items_xlsx(_xlsx([
        ["program", "2.16.03", "Program Pengelolaan Aplikasi Informatika", ""],
        ["program", "2.16.3", "Kode salah", ""],
        ["planet", "", "Jenis salah", ""],
        ["kegiatan", "2.16.09.2.01", "Induk tidak ada", "2.16.09"],
    ]))
    with pytest.raises(services.ImportRejected) as exc:
        services.plan_items_import(actor=koordinator, document=rpjmd, rows=rows)
    assert [number for number, _msg in exc.value.rows] == [3, 4, 5]
    assert not PlanItem.objects.exists()
    assert not AuditEvent.objects.filter(model="alignment.planitem").exists()


def test_import_rejects_a_file_that_is_not_a_workbook():
    with pytest.raises(ServiceError) as exc:
        services.read_items_xlsx(io.BytesIO(b"kind,code,text\n"))
    assert exc.value.code == "invalid_file"


def test_import_needs_the_columns():
    book = Workbook()
    book.active.append(["jenis", "kode"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with pytest.raises(ServiceError) as exc:
        services.read_items_xlsx(buffer)
    assert exc.value.code == "missing_columns"
