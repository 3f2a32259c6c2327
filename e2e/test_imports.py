"""Excel out and in: a coordinator downloads the programme list, adds rows, uploads it; a bad row
shows in the preview and nothing is imported; the fixed file imports everything."""

import io

from openpyxl import load_workbook

from e2e.conftest import log_in
from kotacerdas.programmes.models import Programme


def _workbook_with(path: str, rows: list[dict]) -> bytes:
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["program", "Tahun"]  # the programmes, then their yearly rows
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for values in rows:
        sheet.append([values.get(name, "") for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_bad_row_imports_nothing_then_the_fixed_file_imports_everything(page, shot, tmp_path):
    log_in(page, "koordinator.ambon")
    page.goto(page.base + "/cities/81.71/programmes/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel", exact=True).click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name.startswith("program-81.71-kota-ambon-") and exported.suffix == ".xlsx"
    before = Programme.objects.count()
    new = {
        "Nama": "Kapal Cerdas",
        "Dimensi": "Smart Living",
        "Elemen": "Mobilitas (sarana transportasi)",
        "OPD pengampu": "Dishub",
        "Jangka waktu": "Jangka menengah",
    }
    new |= {"Tahun pertama": 2021, "Tahun terakhir": 2023, "Status": "Direncanakan", "Quick win": "Tidak"}
    bad = {**new, "Nama": "Halte Pintar", "OPD pengampu": "Dinas Bulan"}

    page.get_by_role("link", name="Impor dari Excel").click()
    with page.expect_download() as template:
        page.get_by_role("link", name="Unduh templat").click()
    template.value.save_as(tmp_path / "template.xlsx")
    assert template.value.suggested_filename.startswith("templat-impor-program-81.71-")
    assert load_workbook(tmp_path / "template.xlsx").sheetnames == ["Program", "Tahun", "Referensi"]
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "p.xlsx", "mimeType": "application/octet-stream", "buffer": _workbook_with(str(exported), [new, bad])}],
    )
    page.get_by_role("button", name="Pratinjau").click()
    page.get_by_role("link", name="Lihat pratinjau").click()  # the preview ran as a background job
    problem = page.locator("tr.table-danger")
    assert "Dinas Bulan" in problem.inner_text() and "OPD pengampu" in problem.inner_text()
    assert page.get_by_role("button", name="Konfirmasi impor").count() == 0
    shot(page, "import-preview-refused")
    assert Programme.objects.count() == before

    page.get_by_role("link", name="Unggah berkas lain").click()
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "p.xlsx", "mimeType": "application/octet-stream", "buffer": _workbook_with(str(exported), [new])}],
    )
    page.get_by_role("button", name="Pratinjau").click()
    page.get_by_role("link", name="Lihat pratinjau").click()
    assert Programme.objects.count() == before  # a preview writes nothing
    shot(page, "import-preview")
    page.get_by_role("button", name="Konfirmasi impor").click()
    page.get_by_text("Impor membuat 1 program dan mengubah 0.").wait_for()  # on the import job's page
    assert Programme.objects.count() == before + 1
