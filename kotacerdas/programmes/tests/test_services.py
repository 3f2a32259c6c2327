from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kotacerdas.cities.tests.factories import OpdFactory, StakeholderFactory
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.programmes import services
from kotacerdas.programmes.models import Evidence, Programme, ProgrammeFunding, ProgrammeYear, QuickWin
from kotacerdas.programmes.tests.factories import MasterplanFactory, OutputFactory, ProgrammeFactory, QuickWinFactory, WorkshopFactory
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db

ALLOWED_WRITE = {"kementerian", "koordinator", "operator_dinkes"}
COORDINATION = {"kementerian", "koordinator"}


def _pdf(name="laporan.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")


# --- permission matrix --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_create_permission(persona, personas, plan, valid):
    if persona in ALLOWED_WRITE:
        programme = services.programme_create(actor=personas[persona], masterplan=plan, **valid)
        assert programme.pk and programme.lead_opd == valid["lead_opd"]
    else:
        with pytest.raises(PermissionDenied):
            services.programme_create(actor=personas[persona], masterplan=plan, **valid)
        assert not Programme.objects.exists()


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_update_permission(persona, personas, health_programme):
    if persona in ALLOWED_WRITE:
        services.programme_update(actor=personas[persona], programme=health_programme, person_in_charge="dr. Lestari")
        health_programme.refresh_from_db()
        assert health_programme.person_in_charge == "dr. Lestari"
    else:
        with pytest.raises(PermissionDenied):
            services.programme_update(actor=personas[persona], programme=health_programme, person_in_charge="x")


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_delete_permission(persona, personas, health_programme):
    if persona in ALLOWED_WRITE:
        services.programme_delete(actor=personas[persona], programme=health_programme)
        assert not Programme.objects.filter(pk=health_programme.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.programme_delete(actor=personas[persona], programme=health_programme)
        assert Programme.objects.filter(pk=health_programme.pk).exists()


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_evidence_permission(persona, personas, health_programme):
    if persona in ALLOWED_WRITE:
        evidence = services.evidence_upload(actor=personas[persona], programme=health_programme, file=_pdf(), description="Laporan 2021")
        services.evidence_delete(actor=personas[persona], evidence=evidence)
        assert not Evidence.objects.exists()
    else:
        with pytest.raises(PermissionDenied):
            services.evidence_upload(actor=personas[persona], programme=health_programme, file=_pdf(), description="Laporan")


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_quick_win_sheet_permission(persona, personas, health_programme):
    if persona in ALLOWED_WRITE:
        sheet = services.quick_win_update(actor=personas[persona], programme=health_programme, problem="Antrean panjang")
        assert sheet.problem == "Antrean panjang" and Programme.objects.get(pk=health_programme.pk).is_quick_win
    else:
        with pytest.raises(PermissionDenied):
            services.quick_win_update(actor=personas[persona], programme=health_programme, problem="x")
        assert not QuickWin.objects.exists()


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_quick_win_stage_and_score_permission(persona, personas, health_programme):
    QuickWinFactory(programme=health_programme)
    if persona in COORDINATION:
        services.quick_win_set_stage(actor=personas[persona], programme=health_programme, stage="shortlisted")
        services.quick_win_update(actor=personas[persona], programme=health_programme, scores={"benefit": 4})
        sheet = QuickWin.objects.get()
        assert sheet.stage == "shortlisted" and sheet.scores.get().score == 4
    else:
        with pytest.raises(PermissionDenied):
            services.quick_win_set_stage(actor=personas[persona], programme=health_programme, stage="selected")
        with pytest.raises(PermissionDenied):
            services.quick_win_update(actor=personas[persona], programme=health_programme, scores={"benefit": 4})
        assert QuickWin.objects.get().stage == "candidate"


def test_operator_cannot_touch_another_departments_programme(operator_dinkes, plan, dishub):
    other = ProgrammeFactory(masterplan=plan, lead_opd=dishub)
    with pytest.raises(PermissionDenied):
        services.programme_update(actor=operator_dinkes, programme=other, name="Diambil alih")
    with pytest.raises(PermissionDenied):
        services.evidence_upload(actor=operator_dinkes, programme=other, file=_pdf(), description="x")


def test_operator_cannot_move_programme_to_another_lead(operator_dinkes, health_programme, dishub):
    with pytest.raises(PermissionDenied):
        services.programme_update(actor=operator_dinkes, programme=health_programme, lead_opd=dishub)
    health_programme.refresh_from_db()
    assert health_programme.lead_opd.short_name == "Dinkes"


def test_operator_cannot_create_for_another_department(operator_dinkes, plan, valid, dishub):
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=operator_dinkes, masterplan=plan, **{**valid, "lead_opd": dishub})


def test_coordinator_may_move_the_lead(koordinator, health_programme, dishub):
    services.programme_update(actor=koordinator, programme=health_programme, lead_opd=dishub)
    assert Programme.objects.get(pk=health_programme.pk).lead_opd == dishub


# --- rules --------------------------------------------------------------------------------


def _code(exc_info):
    return exc_info.value.code


@pytest.mark.parametrize(
    "change, code, field",
    [
        ({"start_year": 2019}, "out_of_range", "start_year"),
        ({"end_year": 2025}, "out_of_range", "end_year"),
        ({"start_year": 2023, "end_year": 2021}, "range_reversed", "end_year"),
        ({"element": "economy-industry"}, "element_not_in_dimension", "element"),
        ({"name": "  "}, "required", "name"),
    ],
)
def test_create_refuses_bad_input(change, code, field, koordinator, plan, valid, ref):
    if "element" in change:
        change = {"element": ref.element[change["element"]]}
    with pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, **{**valid, **change})
    assert (_code(exc), exc.value.field) == (code, field)
    assert not Programme.objects.exists() and not AuditEvent.objects.exists()


def test_negative_budget_refused_and_nothing_written(koordinator, plan, valid):
    rows = [{"year": 2021, "budget": Decimal(100)}, {"year": 2022, "budget": Decimal(-5)}]
    with pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, years=rows, **valid)
    assert (_code(exc), exc.value.field) == ("out_of_range", "years")
    assert not Programme.objects.exists() and not ProgrammeYear.objects.exists()


@pytest.mark.parametrize(
    "rows, code",
    [
        ([{"year": 2020}], "out_of_range"),
        ([{"year": 2022}, {"year": 2022}], "duplicate"),
    ],
)
def test_yearly_rows_within_programme_years(rows, code, koordinator, plan, valid):
    with pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, years=rows, **valid)
    assert _code(exc) == code


def test_shortening_a_programme_must_not_orphan_rows(koordinator, health_programme):
    services.programme_update(actor=koordinator, programme=health_programme, years=[{"year": 2023, "budget": Decimal(5)}])
    with pytest.raises(ServiceError) as exc:
        services.programme_update(actor=koordinator, programme=Programme.objects.get(pk=health_programme.pk), end_year=2022)
    assert (_code(exc), exc.value.field) == ("out_of_range", "end_year")
    assert Programme.objects.get(pk=health_programme.pk).end_year == 2023


def test_opds_and_partners_of_another_city_refused(koordinator, plan, valid, tual):
    foreign = OpdFactory(city=tual)
    with pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, **{**valid, "supporting_opds": [foreign]})
    assert (_code(exc), exc.value.field) == ("unknown_reference", "supporting_opds")
    assert foreign.name not in exc.value.message
    with pytest.raises(ServiceError) as exc:
        services.programme_create(
            actor=koordinator, masterplan=plan, partners=[{"stakeholder": StakeholderFactory(city=tual), "role": "funder"}], **valid
        )
    assert (_code(exc), exc.value.field) == ("unknown_reference", "partners")
    assert not Programme.objects.exists()


def test_location_must_be_in_the_city(koordinator, plan, valid):
    nusaniwe = Region.objects.get(code="81.71.01")
    village_elsewhere = Region.objects.filter(level="village", parent__code="81.71.02").first()
    with pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, district=nusaniwe, village=village_elsewhere, **valid)
    assert _code(exc) == "village_not_in_district"
    outside = Region.objects.filter(level="district").exclude(code__startswith="81.71.").first()
    if outside is not None:
        with pytest.raises(ServiceError) as exc:
            services.programme_create(actor=koordinator, masterplan=plan, district=outside, **valid)
        assert _code(exc) == "region_outside_city"
    village = Region.objects.filter(level="village", parent=nusaniwe).first()
    programme = services.programme_create(actor=koordinator, masterplan=plan, village=village, **valid)
    assert programme.district == nusaniwe  # inferred from the village


def test_duplicate_name_is_a_conflict(koordinator, health_programme, valid):
    with pytest.raises(ServiceError) as exc:
        services.programme_create(
            actor=koordinator, masterplan=health_programme.masterplan, **{**valid, "name": "sistem informasi puskesmas"}
        )
    assert (_code(exc), exc.value.status, exc.value.field) == ("duplicate", 409, "name")


def test_origin_must_come_from_the_same_masterplan(koordinator, plan, valid, ambon):
    older = MasterplanFactory(city=ambon, start_year=2015, end_year=2019)
    foreign_idea = OutputFactory(workshop=WorkshopFactory(masterplan=older))
    with pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, origin=foreign_idea, **valid)
    assert (_code(exc), exc.value.field) == ("unknown_reference", "origin")
    idea = OutputFactory(workshop=WorkshopFactory(masterplan=plan))
    assert services.programme_create(actor=koordinator, masterplan=plan, origin=idea, **valid).origin == idea


def test_full_record_with_years_partners_and_audit(koordinator, plan, valid, ref, bumn, diskominfo):
    rows = [
        {
            "year": 2021,
            "budget": Decimal(250_000_000),
            "funding": [{"source": ref.funding["apbd"], "amount": Decimal(250_000_000)}],
        },
        {"year": 2022, "budget": Decimal(300_000_000), "funding": [{"source": ref.funding["dak"], "amount": Decimal(300_000_000)}]},
    ]
    programme = services.programme_create(
        actor=koordinator,
        masterplan=plan,
        years=rows,
        supporting_opds=[diskominfo],
        partners=[{"stakeholder": bumn, "role": "implementer"}],
        **valid,
    )
    assert list(programme.years.values_list("year", "budget")) == [(2021, 250_000_000), (2022, 300_000_000)]
    assert list(programme.supporting_opds.all()) == [diskominfo]
    assert programme.partners.get().role == "implementer"
    models = sorted(AuditEvent.objects.filter(action="create").values_list("model", flat=True))
    assert models == [
        "programmes.programme",
        "programmes.programmefunding",
        "programmes.programmefunding",
        "programmes.programmestakeholder",
        "programmes.programmeyear",
        "programmes.programmeyear",
    ]
    assert AuditEvent.objects.filter(actor=koordinator, city=plan.city).count() == 6

    one_rupiah = {"year": 2022, "budget": Decimal(1), "funding": [{"source": ref.funding["apbd"], "amount": Decimal(1)}]}
    services.programme_update(actor=koordinator, programme=programme, years=[one_rupiah], partners=[])
    assert list(programme.years.values_list("year", "budget")) == [(2022, 1)]
    assert list(ProgrammeFunding.objects.values_list("year__year", "source__code", "amount")) == [(2022, "apbd", 1)]
    assert not programme.partners.exists()
    assert AuditEvent.objects.filter(action="delete", model="programmes.programmeyear").count() == 1
    assert AuditEvent.objects.filter(action="update", model="programmes.programmeyear").count() == 1


def test_update_audits_before_and_after(koordinator, health_programme, ref):
    services.programme_update(actor=koordinator, programme=health_programme, status=ref.status["realised"])
    event = AuditEvent.objects.get(action="update", model="programmes.programme")
    assert event.before["status"] == ref.status["running"].pk and event.after["status"] == ref.status["realised"].pk


# --- delete -------------------------------------------------------------------------------


def test_deleting_a_selected_quick_win_is_refused_then_forced(koordinator, operator_dinkes, health_programme):
    QuickWinFactory(programme=health_programme, stage=QuickWin.Stage.SELECTED)
    for actor in (operator_dinkes, koordinator):
        with pytest.raises(ServiceError) as exc:
            services.programme_delete(actor=actor, programme=health_programme)
        assert (exc.value.code, exc.value.status) == ("still_linked", 409) and "quick win" in exc.value.message
    with pytest.raises(ServiceError):
        services.programme_delete(actor=operator_dinkes, programme=health_programme, force=True)
    assert Programme.objects.filter(pk=health_programme.pk).exists()
    services.programme_delete(actor=koordinator, programme=health_programme, force=True)
    assert not Programme.objects.filter(pk=health_programme.pk).exists() and not QuickWin.objects.exists()
    assert AuditEvent.objects.filter(action="delete", model="programmes.programme", object_pk=str(health_programme.pk)).exists()


def test_deleting_a_programme_linked_to_plans_and_gaps_names_the_links(koordinator, health_programme):
    from kotacerdas.alignment.models import ProgrammeLink

    plan_item = _plan_item(health_programme.masterplan.city)
    ProgrammeLink.objects.create(programme=health_programme, plan_item=plan_item)
    gap = _gap(health_programme)
    with translation.override("en"), pytest.raises(ServiceError) as exc:
        services.programme_delete(actor=koordinator, programme=health_programme)
    assert "1 link(s) to official plans" in exc.value.message and "1 readiness gap(s)" in exc.value.message
    assert ProgrammeLink.objects.count() == 1 and gap.programmes.count() == 1
    services.programme_delete(actor=koordinator, programme=health_programme, force=True)
    assert ProgrammeLink.objects.count() == 0 and gap.programmes.count() == 0


def _plan_item(city):
    from kotacerdas.alignment.models import PlanDocument, PlanItem

    document = PlanDocument.objects.create(city=city, kind="rpjmd", title="RPJMD Kota Ambon 2017–2022", start_year=2017, end_year=2022)
    return PlanItem.objects.create(document=document, kind="programme", code="2.16.02", text="Program pengelolaan aplikasi informatika")


def _gap(programme):
    from kotacerdas.framework.models import ReadinessLens
    from kotacerdas.readiness.models import GapItem

    gap = GapItem.objects.create(masterplan=programme.masterplan, lens=ReadinessLens.objects.first(), description="SDM TIK kurang")
    gap.programmes.add(programme)
    return gap


# --- evidence -----------------------------------------------------------------------------


def _zip(name, parts):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<x/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(
    "upload",
    [
        lambda: _pdf("laporan.pdf"),
        lambda: SimpleUploadedFile("foto.PNG", b"\x89PNG\r\n\x1a\n" + b"\0" * 20),
        lambda: SimpleUploadedFile("foto.jpeg", b"\xff\xd8\xff\xe0" + b"\0" * 20),
        lambda: _zip("anggaran.xlsx", ["[Content_Types].xml", "xl/workbook.xml"]),
        lambda: _zip("laporan.docx", ["[Content_Types].xml", "word/document.xml"]),
        lambda: _zip("paparan.pptx", ["[Content_Types].xml", "ppt/presentation.xml"]),
        lambda: SimpleUploadedFile("data.csv", b"kecamatan;jumlah\nSirimau;12\nTeluk Ambon;7\n"),
        lambda: SimpleUploadedFile("catatan.txt", "Rapat koordinasi – notulen".encode("cp1252")),
    ],
    ids=["pdf", "png", "jpeg", "xlsx", "docx", "pptx", "csv", "txt-cp1252"],
)
def test_evidence_accepts_the_allowed_types_by_content(upload, koordinator, health_programme, private_media):
    file = upload()
    evidence = services.evidence_upload(actor=koordinator, programme=health_programme, file=file, description="Bukti")
    assert evidence.original_name == file.name
    assert (private_media / evidence.file.name).read_bytes()[:4] == file.open().read()[:4]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("skrip.exe", b"MZ\x90\x00", "not accepted"),
        ("foto.gif", b"GIF89a", "not accepted"),
        ("tanpa-ekstensi", b"%PDF-1.4", "not accepted"),
        ("laporan.pdf", b"MZ\x90\x00 a program", "not a valid PDF file"),
        ("foto.jpg", b"\x89PNG\r\n\x1a\n", "not a valid JPEG file"),
        ("anggaran.xlsx", b"PK\x03\x04 broken zip", "not a valid Excel file"),
        ("kosong.pdf", b"", "empty"),
        ("data.csv", b"\x00\x01\x02binary", "not a valid CSV file"),
    ],
)
def test_evidence_refuses_files_whose_content_is_not_what_they_claim(
    name, content, message, koordinator, health_programme, private_media, unchanged
):
    with translation.override("en"), unchanged(), pytest.raises(ServiceError) as exc:
        services.evidence_upload(actor=koordinator, programme=health_programme, file=SimpleUploadedFile(name, content), description="x")
    assert (exc.value.code, exc.value.field) == ("file_invalid", "file") and message in exc.value.message
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_evidence_docx_passed_off_as_xlsx_is_refused(koordinator, health_programme):
    with pytest.raises(ServiceError) as exc:
        services.evidence_upload(
            actor=koordinator,
            programme=health_programme,
            description="x",
            file=_zip("anggaran.xlsx", ["[Content_Types].xml", "word/document.xml"]),
        )
    assert exc.value.code == "file_invalid"


def test_evidence_size_limit_comes_from_the_setting(koordinator, health_programme, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with translation.override("en"), pytest.raises(ServiceError) as exc:
        services.evidence_upload(actor=koordinator, programme=health_programme, file=_pdf("besar.pdf", 2048), description="x")
    assert exc.value.code == "file_invalid" and "at most 0.0 MB" in exc.value.message
    assert services.evidence_upload(actor=koordinator, programme=health_programme, file=_pdf("kecil.pdf", 500), description="x")


def test_evidence_is_stored_under_a_generated_name_and_deleted_with_it(koordinator, health_programme, private_media):
    with pytest.raises(ServiceError) as exc:
        services.evidence_upload(actor=koordinator, programme=health_programme, file=_pdf(), description="x", year=2020)
    assert (exc.value.code, exc.value.field) == ("out_of_range", "year")
    evidence = services.evidence_upload(
        actor=koordinator, programme=health_programme, file=_pdf("Laporan Dinkes Rahasia.PDF"), description="Foto kegiatan", year=2022
    )
    assert evidence.original_name == "Laporan Dinkes Rahasia.PDF"
    assert "Laporan" not in evidence.file.name and "Dinkes" not in evidence.file.name
    assert (
        evidence.file.name.startswith("evidence/")
        and evidence.file.name.endswith(".pdf")
        and len(evidence.file.name) == len("evidence/") + 32 + 4
    )
    path = private_media / evidence.file.name
    assert path.exists() and evidence.uploaded_by == koordinator
    assert AuditEvent.objects.filter(model="programmes.evidence", action="create").exists()
    assert evidence.file.url is None  # private: no public URL


# --- quick wins ---------------------------------------------------------------------------


def test_scores_must_be_within_range(koordinator, health_programme):
    QuickWinFactory(programme=health_programme)
    for scores, code in [({"benefit": 6}, "out_of_range"), ({"benefit": -1}, "out_of_range"), ({"nope": 1}, "unknown_code")]:
        with pytest.raises(ServiceError) as exc:
            services.quick_win_update(actor=koordinator, programme=health_programme, scores=scores)
        assert (exc.value.code, exc.value.field) == (code, "scores")
    services.quick_win_update(actor=koordinator, programme=health_programme, scores={"benefit": 5, "risk-management": 0})
    services.quick_win_update(actor=koordinator, programme=health_programme, scores={"benefit": 3})
    assert dict(QuickWin.objects.get().scores.values_list("criterion__code", "score")) == {"benefit": 3, "risk-management": 0}


def test_quick_win_update_writes_sheet_scores_and_stage_at_once(koordinator, health_programme):
    sheet = services.quick_win_update(
        actor=koordinator, programme=health_programme, problem=" Antrean ", innovation="Daring", scores={"benefit": 4}, stage="shortlisted"
    )
    assert (sheet.problem, sheet.innovation, sheet.stage) == ("Antrean", "Daring", "shortlisted")
    assert Programme.objects.get(pk=health_programme.pk).is_quick_win and sheet.scores.get().score == 4
    services.quick_win_update(actor=koordinator, programme=health_programme, benefit="Cepat")
    assert QuickWin.objects.get().problem == "Antrean"  # fields not given stay


@pytest.mark.parametrize("extra", [{"scores": {"benefit": 4}}, {"stage": "selected"}, {"scores": {"nope": 99}}, {"stage": "winner"}])
def test_operator_sheet_with_scores_or_stage_is_refused_before_anything(extra, operator_dinkes, health_programme, unchanged):
    """The operator may write the sheet, not score it: the whole request is refused, with 403 even when the scores are invalid."""
    with unchanged(), pytest.raises(PermissionDenied):
        services.quick_win_update(actor=operator_dinkes, programme=health_programme, problem="Antrean", **extra)
    assert not Programme.objects.get(pk=health_programme.pk).is_quick_win


def test_quick_win_update_validates_before_writing(koordinator, health_programme, unchanged):
    with unchanged():
        for extra, code in [
            ({"scores": {"benefit": 9}}, "out_of_range"),
            ({"stage": "winner"}, "invalid"),
            ({"timeline": "x" * 201}, "too_long"),
            ({"colour": "red"}, "not_editable"),
        ]:
            with pytest.raises(ServiceError) as exc:
                services.quick_win_update(actor=koordinator, programme=health_programme, problem="Antrean", **extra)
            assert exc.value.code == code


def test_a_city_may_select_more_quick_wins_than_usual(koordinator, plan):
    """Published masterplans list many quick wins: the usual number is advice, never a refusal."""
    sheets = [QuickWinFactory(programme=ProgrammeFactory(masterplan=plan, is_quick_win=True)) for _ in range(7)]
    for sheet in sheets[:6]:
        services.quick_win_set_stage(actor=koordinator, programme=sheet.programme, stage="selected")
    services.quick_win_update(actor=koordinator, programme=sheets[6].programme, stage="selected")
    assert QuickWin.objects.filter(stage="selected").count() == 7
    with pytest.raises(ServiceError) as exc:
        services.quick_win_set_stage(actor=koordinator, programme=sheets[0].programme, stage="winner")
    assert exc.value.code == "invalid"


def test_stage_needs_a_quick_win_sheet(koordinator, health_programme):
    with pytest.raises(ServiceError) as exc:
        services.quick_win_set_stage(actor=koordinator, programme=health_programme, stage="shortlisted")
    assert exc.value.code == "not_a_quick_win"


def test_unmarking_a_quick_win_drops_its_sheet(koordinator, health_programme):
    services.programme_update(actor=koordinator, programme=health_programme, is_quick_win=True)
    assert QuickWin.objects.filter(programme=health_programme).exists()
    services.programme_update(actor=koordinator, programme=health_programme, is_quick_win=False)
    assert not QuickWin.objects.exists()


# --- action plan (rencana aksi) -----------------------------------------------------------


def test_operator_of_the_lead_department_writes_the_action_plan(operator_dinkes, plan, valid, dinkes):
    steps = [
        {"year": 2021, "description": "Survei puskesmas", "milestone": "Laporan survei", "opd": dinkes},
        {"year": 2022, "description": "Uji coba di 3 puskesmas", "milestone": "3 puskesmas terhubung"},
    ]
    programme = services.programme_create(actor=operator_dinkes, masterplan=plan, steps=steps, **valid)
    assert [(s.order, s.year, s.description, s.opd) for s in programme.steps.all()] == [
        (1, 2021, "Survei puskesmas", dinkes),
        (2, 2022, "Uji coba di 3 puskesmas", None),
    ]
    services.programme_update(actor=operator_dinkes, programme=programme, steps=[{**steps[1], "year": 2023}])
    assert [(s.year, s.description) for s in programme.steps.all()] == [(2023, "Uji coba di 3 puskesmas")]
    assert AuditEvent.objects.filter(model="programmes.actionstep", action="update").exists()
    assert AuditEvent.objects.filter(model="programmes.actionstep", action="delete").exists()


def test_step_outside_the_programme_years_is_refused_with_nothing_changed(koordinator, health_programme, unchanged):
    health_programme.start_year, health_programme.end_year = 2021, 2023
    health_programme.save()
    with translation.override("en"), unchanged(), pytest.raises(ServiceError) as exc:
        services.programme_update(
            actor=koordinator,
            programme=health_programme,
            name="Baru",
            steps=[{"year": 2022, "description": "Survei"}, {"year": 2025, "description": "Perluasan"}],
        )
    assert exc.value.code.value == "step_outside_years"
    assert "Step 2" in exc.value.message and "Perluasan" in exc.value.message and "2025" in exc.value.message


def test_step_of_a_department_outside_the_programme_is_refused(koordinator, health_programme, dishub, unchanged):
    with translation.override("en"), unchanged(), pytest.raises(ServiceError) as exc:
        services.programme_update(
            actor=koordinator,
            programme=health_programme,
            steps=[{"year": health_programme.start_year, "description": "Integrasi", "opd": dishub}],
        )
    assert exc.value.code.value == "step_opd_not_in_programme"
    assert str(dishub) in exc.value.message


def test_supporting_department_may_be_responsible_and_shortening_keeps_steps_in_check(koordinator, health_programme, dishub, unchanged):
    health_programme.supporting_opds.add(dishub)
    year = health_programme.start_year
    services.programme_update(
        actor=koordinator,
        programme=health_programme,
        steps=[{"year": health_programme.end_year, "description": "Integrasi", "opd": dishub}],
    )
    assert health_programme.steps.get().opd == dishub
    if health_programme.end_year > year:
        with unchanged(), pytest.raises(ServiceError):
            services.programme_update(actor=koordinator, programme=health_programme, end_year=year)
    with unchanged(), pytest.raises(ServiceError):
        services.programme_update(actor=koordinator, programme=health_programme, supporting_opds=[])
