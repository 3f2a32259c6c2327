"""Implementation monitoring in the browser, in Indonesian: an operator of the health office enters a
realised value with an evidence file (data dukung); the coordinator verifies it in the queue."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import log_in
from e2e.test_journey import log_out
from kotacerdas.monitoring.models import Realisation

CITY = "/cities/81.71"
PROGRAMME = "Halo Dokter Ambon"  # led by Dinas Kesehatan in the demo, no realised value yet


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_operator_enters_value_with_evidence_and_coordinator_verifies(page, shot, tmp_path):
    evidence = tmp_path / "laporan-2022.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% laporan capaian 2022 (uji)\n")

    log_in(page, "operator.dinkes")
    page.goto(page.base + f"{CITY}/monitoring/")
    tasks = page.locator("#my-tasks")
    expect(tasks).to_contain_text(PROGRAMME)
    shot(page, "monitoring-01-operator-tasks")
    tasks.get_by_role("link", name=PROGRAMME).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAMME)

    form = page.locator("#enter form")
    form.get_by_label("Tahun").select_option("2022")
    form.get_by_label("Nilai realisasi").fill("N/A")
    form.get_by_role("button", name="Simpan nilai realisasi").click()
    expect(page.locator("#enter")).to_contain_text("bukan angka")  # refused, naming the indicator and the year
    form = page.locator("#enter form")
    form.get_by_label("Tahun").select_option("2022")
    form.get_by_label("Nilai realisasi").fill("1.234,5")
    form.get_by_label("Catatan").fill("Laporan tahunan Dinas Kesehatan")
    form.get_by_label("Berkas data dukung").set_input_files(str(evidence))
    shot(page, "monitoring-02-operator-enters")
    form.get_by_role("button", name="Simpan nilai realisasi").click()
    expect(page.get_by_text("Nilai realisasi dicatat")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="2022", exact=True)).first
    expect(row).to_contain_text("1.234,5")
    expect(row).to_contain_text("laporan-2022.pdf")
    expect(row).to_contain_text("diisi")
    realisation = Realisation.objects.get(indicator__programme__name=PROGRAMME, year=2022)
    assert realisation.status == "entered" and realisation.evidence.count() == 1
    log_out(page, "operator.dinkes")

    log_in(page, "koordinator.ambon")
    page.goto(page.base + f"{CITY}/monitoring/verification/")
    item = page.locator(f"#realisation-{realisation.pk}")
    expect(item).to_contain_text(PROGRAMME)
    expect(item.get_by_role("link", name="laporan-2022.pdf")).to_be_visible()
    shot(page, "monitoring-03-coordinator-queue")
    item.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Terverifikasi: ")).to_be_visible()
    expect(page.locator(f"#realisation-{realisation.pk}")).to_have_count(0)
    realisation.refresh_from_db()
    assert realisation.status == "verified" and realisation.reviewed_by.username == "koordinator.ambon"
