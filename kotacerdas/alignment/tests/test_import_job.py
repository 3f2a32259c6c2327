"""The plan-item import runs as a job: streamed, capped (size, rows, columns) with messages naming the limit, nothing written when refused."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kotacerdas.alignment.models import PlanItem
from kotacerdas.core.errors import ServiceError
from kotacerdas.jobs.models import Job

HEADER = ["kind", "code", "text", "parent code"]


def _xlsx(rows, *, name="rpjmd.xlsx", write_only=False) -> SimpleUploadedFile:
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _import(client, city, document, upload):
    return client.post(reverse("alignment:item_import", args=[city.code, document.pk]), {"file": upload})


def test_the_import_runs_as_a_job_and_reports_what_it_did(login, koordinator, ambon, rpjmd):
    upload = _xlsx([HEADER, ["program", "2.16.02", "Program Informasi", ""], ["kegiatan", "2.16.02.2.01", "Pengelolaan", "2.16.02"]])
    response = _import(login(koordinator), ambon, rpjmd, upload)
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == "done" and job.kind == "alignment.plan_items_import" and job.result["created"] == 2
    assert (job.progress_done, job.progress_total) == (2, 2)
    assert PlanItem.objects.count() == 2
    page = login(koordinator).get(response.url).content.decode()
    assert reverse("alignment:plan_detail", args=[ambon.code, rpjmd.pk]) in page
    assert not list(Path(job.result_file.storage.location).rglob("*.xlsx"))  # the upload is gone


@pytest.mark.parametrize("limit", [5, 20])
def test_a_sheet_over_the_row_limit_stops_with_a_message_naming_it(settings, login, koordinator, ambon, rpjmd, limit):
    settings.IMPORT_MAX_ROWS = limit
    rows = [HEADER] + [["program", f"2.16.{n:02d}", f"Program {n}", ""] for n in range(1, limit + 2)]
    _import(login(koordinator), ambon, rpjmd, _xlsx(rows))
    job = Job.objects.get()
    assert job.status == "failed" and str(limit) in job.error and "baris" in job.error.lower()
    assert not PlanItem.objects.exists()


def _hostile_xlsx(rows: int) -> SimpleUploadedFile:
    """A valid workbook whose one sheet repeats the same row `rows` times: a few hundred KiB compressed."""
    source = zipfile.ZipFile(_xlsx([HEADER]))
    buffer = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>program</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info))
                continue
            with target.open("xl/worksheets/sheet1.xml", "w") as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                sheet.write(b"<row>" + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % name.encode() for name in HEADER) + b"</row>")
                for _ in range(rows // 1000):
                    sheet.write(row * 1000)
                sheet.write(b"</sheetData></worksheet>")
    return SimpleUploadedFile("hostile.xlsx", buffer.getvalue())


def test_a_hostile_sheet_of_many_rows_is_not_read_to_its_end(settings, login, koordinator, ambon, rpjmd):
    """1,000,000 identical rows in a few hundred KiB stop at the row limit, in about the time the limit's rows take."""
    settings.IMPORT_MAX_ROWS = 100
    upload = _hostile_xlsx(1_000_000)
    assert upload.size < 1024 * 1024
    from kotacerdas.alignment import services

    start = time.perf_counter()
    with pytest.raises(ServiceError) as refused:
        services.read_items_xlsx(upload)
    assert time.perf_counter() - start < 15 and "100" in refused.value.message
    upload.seek(0)
    _import(login(koordinator), ambon, rpjmd, upload)
    job = Job.objects.get()
    assert job.status == "failed" and "100" in job.error
    assert not PlanItem.objects.exists()


def test_a_workbook_whose_text_table_unpacks_too_large_is_refused(settings, login, koordinator, ambon, rpjmd):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2048
    rows = [HEADER] + [["program", "", f"Program dengan nama panjang {n}", ""] for n in range(200)]
    _import(login(koordinator), ambon, rpjmd, _xlsx(rows))
    job = Job.objects.get()
    assert job.status == "failed" and "2,0\xa0KB" in job.error
    assert not PlanItem.objects.exists()


def test_a_sheet_over_the_column_limit_stops_with_a_message_naming_it(settings, login, koordinator, ambon, rpjmd):
    settings.IMPORT_MAX_COLUMNS = 6
    rows = [HEADER, ["program", "2.16.02", "Program", "", "", "", "", "extra"]]
    _import(login(koordinator), ambon, rpjmd, _xlsx(rows))
    job = Job.objects.get()
    assert job.status == "failed" and "6" in job.error and "kolom" in job.error.lower()
    assert not PlanItem.objects.exists()


def test_a_file_over_the_size_limit_is_refused_on_the_form_and_starts_nothing(settings, login, koordinator, ambon, rpjmd, unchanged):
    settings.IMPORT_MAX_BYTES = 1024
    upload = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"0" * 4096)
    with unchanged():
        response = _import(login(koordinator), ambon, rpjmd, upload)
    assert response.status_code == 200
    page = response.content.decode().replace("\xa0", " ")
    assert "is-invalid" in page and "4,0 KB" in page and "1,0 KB" in page


def test_a_file_that_is_not_a_workbook_fails_the_job_with_a_message(login, koordinator, ambon, rpjmd):
    _import(login(koordinator), ambon, rpjmd, SimpleUploadedFile("x.xlsx", b"kind,code,text\n"))
    job = Job.objects.get()
    assert job.status == "failed" and "Excel" in job.error
    assert not PlanItem.objects.exists()


@pytest.mark.parametrize("who", ["penilai", "operator_dinkes", "mitra", "koordinator_lain"])
def test_only_coordinators_and_the_ministry_import(who, personas, login, ambon, rpjmd, unchanged):
    with unchanged():
        response = _import(login(personas[who]), ambon, rpjmd, _xlsx([HEADER, ["program", "2.16.02", "Program", ""]]))
    assert response.status_code in {403, 404}
