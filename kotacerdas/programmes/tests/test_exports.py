"""Programme lists as Excel/CSV downloads, and the programme registry imported back from Excel."""

import csv
import io
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kotacerdas.cities.tests.factories import StakeholderFactory
from kotacerdas.core.models import AuditEvent
from kotacerdas.jobs.models import Job
from kotacerdas.programmes.models import Programme, ProgrammeFunding
from kotacerdas.programmes.tests.factories import ProgrammeFactory, ProgrammeYearFactory, QuickWinFactory

pytestmark = pytest.mark.django_db
BASE = "/cities/81.71/programmes/"


def _sheet(response):
    assert response.status_code == 200, response.content[:300]
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)], workbook.active


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel reads a CSV as UTF-8 only with a byte-order mark"
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def listed(plan, dinkes, dishub):
    first = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name="Telemedisin Puskesmas", is_quick_win=True, start_year=2021)
    ProgrammeYearFactory(programme=first, year=2021, budget=Decimal(150_000_000))
    ProgrammeYearFactory(programme=first, year=2022, budget=Decimal(50_000_000))
    first.supporting_opds.add(dishub)
    ProgrammeFactory(masterplan=plan, lead_opd=dishub, name='=HYPERLINK("http://x")', start_year=2022)
    return first


def test_programme_list_downloads_as_xlsx_with_indonesian_headers_and_rupiah(login, koordinator, listed):
    rows, sheet = _sheet(login(koordinator).get(BASE + "export/?format=xlsx"))
    header = rows[0]
    assert header[:4] == ["ID", "Nama", "Dimensi", "Elemen"]
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    telemedicine = by_name["Telemedisin Puskesmas"]
    assert telemedicine["Total anggaran (Rp)"] == 200_000_000
    assert telemedicine["Quick win"] == "Ya"
    assert telemedicine["OPD pendukung"] == "Dishub"
    assert sheet.freeze_panes == "A2"
    budget_column = header.index("Total anggaran (Rp)") + 1
    assert "Rp" in sheet.cell(row=2, column=budget_column).number_format
    # A name that looks like a formula stays text.
    assert '=HYPERLINK("http://x")' in by_name


def test_download_follows_the_filters_and_the_interface_language(login, koordinator, listed, dishub, client):
    login(koordinator)
    client.cookies["django_language"] = "en"
    response = client.get(BASE + f"export/?format=csv&opd={dishub.pk}&dimension=living&quick_win=yes&page=7")
    rows = _csv(response)
    assert rows[0][:3] == ["ID", "Name", "Dimension"]
    assert [row[1] for row in rows[1:]] == ["Telemedisin Puskesmas"]  # the operator's filter, not page 7
    assert rows[1][rows[0].index("Total budget (Rp)")] == "200000000"
    assert response["Content-Disposition"] == f'attachment; filename="programmes-81.71-kota-ambon-{_today()}.csv"'


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def test_csv_quotes_a_formula_looking_text(login, koordinator, listed):
    rows = _csv(login(koordinator).get(BASE + "export/?format=csv"))
    assert '\'=HYPERLINK("http://x")' in [row[1] for row in rows]


def test_download_of_an_unknown_format_is_a_404(login, koordinator, listed):
    assert login(koordinator).get(BASE + "export/?format=pdf").status_code == 404


def test_the_public_downloads_only_a_published_city(client, plan, listed):
    assert client.get(BASE + "export/?format=csv").status_code == 404
    plan.city.is_published = True
    plan.city.save()
    assert len(_csv(client.get(BASE + "export/?format=csv"))) == 3


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_download_query_count_does_not_grow_with_rows(fmt, login, koordinator, plan, dinkes, dishub, django_assert_max_num_queries):
    client = login(koordinator)
    for i in range(3):
        programme = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name=f"P{i}")
        programme.supporting_opds.add(dishub)
    with django_assert_max_num_queries(12) as few:
        client.get(BASE + f"export/?format={fmt}")
    for i in range(3, 40):
        programme = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name=f"P{i}")
        programme.supporting_opds.add(dishub)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = _csv(client.get(BASE + "export/?format=csv")) if fmt == "csv" else _sheet(client.get(BASE + "export/?format=xlsx"))[0]
    assert len(rows) == 41


def test_roadmap_and_quick_wins_download(login, koordinator, listed, django_assert_max_num_queries):
    client = login(koordinator)
    rows, _sheet_ = _sheet(client.get(BASE + "roadmap/export/?format=xlsx"))
    assert rows[0][:2] == ["Dimensi", "Program"]
    assert [row[1] for row in rows[1:]] == ["Telemedisin Puskesmas", '=HYPERLINK("http://x")']
    QuickWinFactory(programme=listed, stage="selected", innovation="Konsultasi daring")
    with django_assert_max_num_queries(12):
        rows, _sheet_ = _sheet(client.get(BASE + "quick-wins/export/?format=xlsx"))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Program"] == "Telemedisin Puskesmas"
    assert record["Inovasi"] == "Konsultasi daring"
    assert record["Anggaran (Rp)"] == 200_000_000
    assert any(str(h).endswith("(0–5)") or "(0–" in str(h) for h in rows[0])


def test_list_pages_offer_the_downloads(login, koordinator, listed):
    client = login(koordinator)
    for page, url in (("", "export/"), ("roadmap/", "roadmap/export/"), ("quick-wins/", "quick-wins/export/")):
        html = client.get(BASE + page + "?status=running").content.decode()
        assert f'href="{BASE}{url}?' in html and "format=xlsx" in html and "format=csv" in html
    assert f'href="{BASE}import/"' in client.get(BASE).content.decode()


# --- import -------------------------------------------------------------------------------


def _upload(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("programmes.xlsx", buffer.getvalue())


HEADER = [
    "ID",
    "Nama",
    "Dimensi",
    "Elemen",
    "OPD pengampu",
    "OPD pendukung",
    "Penanggung jawab",
    "Horizon",
    "Tahun pertama",
    "Tahun terakhir",
    "Status",
    "Quick win",
    "Deskripsi",
    "Masalah yang ditangani",
]


def _new_row(name, **changes):
    row = dict(
        zip(
            HEADER, ["", name, "Smart Living", "kesehatan", "Dinkes", "", "", "medium", 2021, 2022, "planned", "Tidak", "", ""], strict=True
        )
    )
    row.update(changes)
    return [row[h] for h in HEADER]


@pytest.fixture
def registry_unchanged(db):
    """Like `unchanged`, for an import: the jobs it runs (and their audited start) may appear, nothing else."""

    def state():
        rows = {}
        for model in django_apps.get_models():
            if model.__module__.startswith("kotacerdas.") and model is not Job and not model._meta.proxy:
                queryset = model._default_manager.order_by("pk")
                if model is AuditEvent:
                    queryset = queryset.exclude(model="jobs.job")
                rows[model._meta.label] = [{k: v for k, v in row.items() if k != "last_login"} for row in queryset.values()]
        return rows

    @contextmanager
    def check():
        before = state()
        yield
        after = state()
        assert before == after, [label for label in before if before[label] != after[label]]

    return check


def _preview(client, upload):
    """Upload a workbook; its preview job runs (at once in tests); the preview page."""
    response = client.post(BASE + "import/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[:500]
    job = Job.objects.latest("pk")
    assert job.kind == "programmes.programme_import" and job.status == Job.Status.DONE, job.error
    return job, client.get(BASE + f"import/?job={job.pk}").content.decode()


def _confirm(client, job):
    response = client.post(BASE + "import/", {"job": job.pk, "confirm": "1"})
    assert response.status_code == 302
    return Job.objects.latest("pk")


def test_import_preview_writes_nothing_and_confirm_writes_every_row(login, koordinator, plan, dinkes, registry_unchanged):
    client = login(koordinator)
    upload = _upload([HEADER, _new_row("Telemedisin"), _new_row("Ambulans Daring")])
    with registry_unchanged():
        job, html = _preview(client, upload)
    assert "Telemedisin" in html and "Ambulans Daring" in html and 'name="confirm"' in html
    done = _confirm(client, job)
    assert done.status == Job.Status.DONE and done.result["create"] == 2
    assert sorted(Programme.objects.filter(masterplan=plan).values_list("name", flat=True)) == ["Ambulans Daring", "Telemedisin"]
    assert AuditEvent.objects.filter(action="create", model="programmes.programme").count() == 2
    # The preview cannot be imported twice: its file is gone.
    assert 'name="confirm"' not in client.get(BASE + f"import/?job={job.pk}").content.decode()


def test_a_bad_row_refuses_the_whole_import_naming_row_and_column(login, koordinator, plan, dinkes, registry_unchanged):
    client = login(koordinator)
    upload = _upload(
        [HEADER, _new_row("Telemedisin"), _new_row("Ambulans", **{"OPD pengampu": "Dinas Bulan", "Tahun pertama": "dua ribu"})]
    )
    with registry_unchanged():
        job, html = _preview(client, upload)
        assert 'name="confirm"' not in html
        assert "Tidak ada OPD daerah ini yang bernama “Dinas Bulan”" in html
        assert "<strong>Tahun pertama</strong>" in html and '<th scope="row">3</th>' in html
        # A forged confirmation of the refused file still writes nothing, and says why.
        failed = _confirm(client, job)
    assert failed.status == Job.Status.FAILED
    assert failed.result["rows"][0][0] == 3 and "Dinas Bulan" in failed.result["rows"][0][1]


def test_import_refuses_a_sheet_with_missing_columns(login, koordinator, plan, registry_unchanged):
    client = login(koordinator)
    with registry_unchanged():
        client.post(BASE + "import/", {"file": _upload([["Nama", "Dimensi"], ["X", "Smart Living"]])})
    job = Job.objects.latest("pk")
    assert job.status == Job.Status.FAILED and "Tahun pertama" in job.error


def test_import_refuses_a_file_that_is_not_a_workbook(login, koordinator, plan, registry_unchanged):
    with registry_unchanged():
        login(koordinator).post(BASE + "import/", {"file": SimpleUploadedFile("p.xlsx", b"kind,code\n")})
    job = Job.objects.latest("pk")
    assert job.status == Job.Status.FAILED and "bukan buku kerja Excel" in job.error


def test_export_then_import_changes_nothing(login, koordinator, listed, registry_unchanged):
    client = login(koordinator)
    Programme.objects.filter(name__startswith="=").update(name="Halte Pintar")  # a valid name for the round trip
    exported = client.get(BASE + "export/?format=xlsx").content
    with registry_unchanged():
        job, html = _preview(client, SimpleUploadedFile("p.xlsx", exported))
        assert "2 baris tidak mengubah apa pun" in html and "Tidak ada baris yang mengubah sesuatu." in html
        done = _confirm(client, job)
    assert done.status == Job.Status.DONE and (done.result["create"], done.result["update"]) == (0, 0)


def test_import_updates_the_row_naming_an_id(login, koordinator, listed):
    client = login(koordinator)
    exported = load_workbook(io.BytesIO(client.get(BASE + "export/?format=xlsx").content))
    sheet = exported.active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == listed.pk:
            row[header.index("Status")].value = "Direncanakan"
    buffer = io.BytesIO()
    exported.save(buffer)
    job, _html = _preview(client, SimpleUploadedFile("p.xlsx", buffer.getvalue()))
    assert _confirm(client, job).result["update"] == 1
    listed.refresh_from_db()
    assert listed.status.code == "planned"
    assert Programme.objects.filter(masterplan=listed.masterplan).count() == 2


def test_an_operator_may_not_import_programmes_of_another_department(login, operator_dinkes, plan, dinkes, dishub, registry_unchanged):
    client = login(operator_dinkes)
    with registry_unchanged():
        _job, html = _preview(client, _upload([HEADER, _new_row("Halte", **{"OPD pengampu": "Dishub"})]))
    assert 'name="confirm"' not in html


def test_a_preview_of_another_user_is_not_found(login, koordinator, operator_dinkes, plan, dinkes):
    job, _html = _preview(login(koordinator), _upload([HEADER, _new_row("Telemedisin")]))
    other = login(operator_dinkes)
    assert other.get(BASE + f"import/?job={job.pk}").status_code == 404
    assert other.post(BASE + "import/", {"job": job.pk, "confirm": "1"}).status_code == 404


def test_the_public_may_not_import(client, plan, unchanged):
    plan.city.is_published = True
    plan.city.save()
    with unchanged():
        assert client.post(BASE + "import/", {"file": _upload([HEADER])}).status_code in (302, 403)


# --- years sheet, template, bad input ----------------------------------------------------------

YEARS_HEADER = ["ID program", "Program", "Tahun", "Anggaran (Rp)", "Sumber pendanaan"]
# The download also shows (not read back) each year's status and its funding shares.
DOWNLOAD_YEARS_HEADER = [*YEARS_HEADER, "Status pada tahun itu", "Pembagian pendanaan"]


def _workbook(sheets: list[tuple[str, list[list]]], edit=None) -> SimpleUploadedFile:
    """A workbook with these (title, rows) sheets; `edit(workbook)` may change it before saving."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if edit:
        edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("programmes.xlsx", buffer.getvalue())


def test_the_download_holds_the_years_on_a_second_sheet_and_as_a_second_csv(login, koordinator, listed):
    client = login(koordinator)
    workbook = load_workbook(io.BytesIO(client.get(BASE + "export/?format=xlsx").content))
    assert workbook.sheetnames[1] == "Tahun"
    rows = [list(row) for row in workbook["Tahun"].iter_rows(values_only=True)]
    apbd = "APBD (anggaran daerah)"
    assert rows == [
        DOWNLOAD_YEARS_HEADER,
        [listed.pk, "Telemedisin Puskesmas", 2021, 150_000_000, apbd, None, f"{apbd}: 150000000"],
        [listed.pk, "Telemedisin Puskesmas", 2022, 50_000_000, apbd, None, f"{apbd}: 50000000"],
    ]
    years_csv = _csv(client.get(BASE + "export/?format=csv&part=years"))
    assert years_csv[0] == DOWNLOAD_YEARS_HEADER and years_csv[1] == [
        str(listed.pk),
        "Telemedisin Puskesmas",
        "2021",
        "150000000",
        apbd,
        "",
        f"{apbd}: 150000000",
    ]
    # The programme CSV stays one table, and the list page offers the years CSV.
    assert _csv(client.get(BASE + "export/?format=csv"))[0][:2] == ["ID", "Nama"]
    assert "part=years" in client.get(BASE).content.decode()


def test_import_with_a_years_sheet_replaces_the_years_of_the_programmes_it_names(login, koordinator, listed, dinkes):
    client = login(koordinator)
    kept = ProgrammeFactory(masterplan=listed.masterplan, lead_opd=dinkes, name="Tetap", start_year=2021)
    ProgrammeYearFactory(programme=kept, year=2021, budget=Decimal(7))
    exported = load_workbook(io.BytesIO(client.get(BASE + "export/?format=xlsx").content))
    years = exported["Tahun"]
    years.delete_rows(2, years.max_row)
    years.append([listed.pk, "Telemedisin Puskesmas", 2023, 80_000_000, "APBN"])
    years.append(["", "Ambulans Daring", 2022, 10_000_000, ""])
    exported.worksheets[0].append(_new_row("Ambulans Daring"))
    buffer = io.BytesIO()
    exported.save(buffer)
    job, html = _preview(client, SimpleUploadedFile("p.xlsx", buffer.getvalue()))
    done = _confirm(client, job)
    assert done.status == Job.Status.DONE and (done.result["create"], done.result["update"]) == (1, 1), done.result
    assert [(y.year, y.budget, [(f.source.code, f.amount) for f in y.funding.all()]) for y in listed.years.all()] == [
        (2023, 80_000_000, [("apbn", 80_000_000)])
    ]
    assert list(Programme.objects.get(name="Ambulans Daring").years.values_list("year", "budget")) == [(2022, 10_000_000)]
    assert list(kept.years.values_list("year", "budget")) == [(2021, 7)]  # not named on the years sheet: untouched


def test_the_template_explains_each_column_and_lists_the_codes(login, koordinator, plan, dinkes, unchanged):
    client = login(koordinator)
    assert 'href="/cities/81.71/programmes/import/template/"' in client.get(BASE + "import/").content.decode()
    response = client.get(BASE + "import/template/")
    assert response.status_code == 200 and 'filename="templat-impor-program-81.71-' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Program", "Tahun", "Referensi"]
    header = [c.value for c in workbook["Program"][1]]
    assert header[:3] == ["ID", "Nama", "Dimensi"] and workbook["Program"].max_row == 1
    assert "Referensi" in workbook["Program"]["C1"].comment.text
    assert [c.value for c in workbook["Tahun"][1]] == DOWNLOAD_YEARS_HEADER
    reference = [value for row in workbook["Referensi"].iter_rows(values_only=True) for value in row if value]
    assert {"Dinkes", "apbd", "planned", "medium"} <= set(reference)
    # The empty template imports as an empty sheet: nothing to do, nothing written.
    with unchanged():
        assert client.get(BASE + "import/template/").status_code == 200
    assert login(koordinator).get(BASE + "import/template/").status_code == 200


def test_the_public_gets_no_template(client, plan):
    plan.city.is_published = True
    plan.city.save()
    assert client.get(BASE + "import/template/").status_code in (302, 403)


def _merge(workbook):
    workbook.worksheets[0].merge_cells("C2:C3")


def _formula(workbook):
    workbook.worksheets[0]["I3"] = "=SUM(2000,21)"


TWO = [HEADER, _new_row("Telemedisin"), _new_row("Ambulans")]


@pytest.mark.parametrize(
    ("sheets", "edit", "expected"),
    [
        # wrong headers: the missing ones are named
        ([("Program", [["ID", "Nama program", *HEADER[2:]], _new_row("X")])], None, "yang belum ada: Nama."),
        # a formula: its sheet, row and column named
        ([("Program", TWO)], _formula, "Lembar “Program”, baris 3, kolom I berisi rumus (=SUM(2000,21))"),
        # the years sheet alone
        ([("Tahun", [YEARS_HEADER, ["", "Telemedisin", 2021, 1, ""]])], None, "tidak memiliki lembar program"),
        # 10,000 rows: the limit named
        ([("Program", [HEADER] + [_new_row(f"P{i}") for i in range(10_000)])], None, "paling banyak 5000"),
        # a years sheet without its columns
        (
            [("Program", TWO), ("Tahun", [["Program", "Tahun"]])],
            None,
            "lembar “Tahun” harus menyebut kolomnya; tidak ada: ID program, Anggaran (Rp), Sumber pendanaan.",
        ),
    ],
    ids=["wrong-headers", "formula", "sheet-missing", "10000-rows", "years-headers"],
)
def test_a_bad_workbook_is_refused_with_a_message_naming_the_problem(
    login, koordinator, plan, dinkes, registry_unchanged, sheets, edit, expected
):
    client = login(koordinator)
    with registry_unchanged():
        response = client.post(BASE + "import/", {"file": _workbook(sheets, edit)})
        assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert job.status == Job.Status.FAILED and expected in job.error, job.error


@pytest.mark.parametrize(
    ("sheets", "edit", "row", "column", "expected"),
    [
        ([("Program", TWO)], _merge, 3, "Dimensi", "sel yang digabung"),
        (
            [("Program", [HEADER, _new_row("Telemedisin", **{"Tahun pertama": "01/01/2021"})])],
            None,
            2,
            "Tahun pertama",
            "“01/01/2021” bukan tahun",
        ),
        (
            [("Program", TWO), ("Tahun", [YEARS_HEADER, ["", "Telemedisin", 2021, 5, ""], ["", "Ambulans", 2030, 5, ""]])],
            None,
            3,
            "Lembar “Tahun”, baris 3",
            "2030 berada di luar tahun program (2021–2022)",
        ),
        (
            [("Program", TWO), ("Tahun", [YEARS_HEADER, ["", "Halte", 2021, 5, ""]])],
            None,
            2,
            "Tahun · ID program",
            "tidak tercantum di lembar pertama",
        ),
        (
            [("Program", TWO), ("Tahun", [YEARS_HEADER, ["", "Telemedisin", 2021, "satu juta", ""]])],
            None,
            2,
            "Tahun · Anggaran (Rp)",
            "“satu juta”",
        ),
    ],
    ids=["merged-cells", "date-as-text", "year-outside-period", "years-of-an-unlisted-programme", "budget-as-words"],
)
def test_a_bad_row_is_named_with_its_row_and_column_and_nothing_is_imported(
    login, koordinator, plan, dinkes, registry_unchanged, sheets, edit, row, column, expected
):
    client = login(koordinator)
    with registry_unchanged():
        job, html = _preview(client, _workbook(sheets, edit))
        failed = _confirm(client, job)
    assert 'name="confirm"' not in html
    assert f'<th scope="row">{row}</th>' in html and f"<strong>{column}" in html and expected in html, html[html.find("<tbody>") :][:1500]
    assert failed.status == Job.Status.FAILED


def test_a_downloaded_workbook_imported_back_keeps_a_years_mixed_funding(login, koordinator, listed, ref):
    """The years sheet's one-source column is empty for a year of APBD and a partner's CSR: the shares stay."""
    telkom = StakeholderFactory(city=listed.masterplan.city, name="PT Telkom Indonesia (Persero) Witel Maluku")
    year = listed.years.get(year=2021)
    year.funding.all().delete()
    ProgrammeFunding.objects.create(year=year, source=ref.funding["apbd"], amount=100_000_000)
    ProgrammeFunding.objects.create(year=year, source=ref.funding["csr"], amount=50_000_000, stakeholder=telkom)
    client = login(koordinator)
    exported = load_workbook(io.BytesIO(client.get(BASE + "export/?format=xlsx").content))
    mixed = next(row for row in exported["Tahun"].iter_rows(values_only=True) if row[2] == 2021)
    assert mixed[4] is None and mixed[6] == f"APBD (anggaran daerah): 100000000; CSR ({telkom.name}): 50000000"
    buffer = io.BytesIO()
    exported.save(buffer)
    job, _html = _preview(client, SimpleUploadedFile("p.xlsx", buffer.getvalue()))
    assert _confirm(client, job).status == Job.Status.DONE
    assert sorted(year.funding.values_list("source__code", "amount", "stakeholder")) == [
        ("apbd", 100_000_000, None),
        ("csr", 50_000_000, telkom.pk),
    ]


def test_an_imported_csr_year_without_its_stakeholder_is_refused(login, koordinator, listed, registry_unchanged):
    client = login(koordinator)
    exported = load_workbook(io.BytesIO(client.get(BASE + "export/?format=xlsx").content))
    exported["Tahun"]["E2"] = "csr"
    buffer = io.BytesIO()
    exported.save(buffer)
    with registry_unchanged():
        job, html = _preview(client, SimpleUploadedFile("p.xlsx", buffer.getvalue()))
    assert "perlu menyebut pemangku kepentingan" in html
