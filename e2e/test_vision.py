"""The masterplan's vision page in the browser, in Indonesian: the bimtek's vision keywords load
beside the tree (htmx), and the coordinator adds to the tree without leaving the page — after opening
a revision, since the demo's masterplan is legalised."""

import re

from playwright.sync_api import expect

from e2e.conftest import log_in

CITY = "/cities/81.71"


def test_coordinator_builds_the_vision_tree_beside_the_bimtek_keywords(page, shot):
    log_in(page, "koordinator.ambon")
    page.goto(page.base + f"{CITY}/plan/")
    revisions = page.locator("section[aria-labelledby=revisions-h]")
    revisions.get_by_label("Alasan revisi").fill("Menambah misi pariwisata musik")
    revisions.get_by_role("button", name="Buka revisi").click()
    expect(revisions).to_contain_text("terbuka: rencana boleh diubah")
    page.goto(page.base + f"{CITY}/plan/vision/")
    keywords = page.locator("#vision-keywords")
    expect(keywords.get_by_text("harmonis", exact=True)).to_be_visible()  # loaded from the bimtek's page
    expect(keywords).to_contain_text("Bimtek I")
    shot(page, "vision-01-page")

    add = page.locator("section[aria-labelledby=add-mission-h]")
    add.get_by_label("Misi").fill("Mewujudkan pariwisata musik berbasis digital")
    add.get_by_role("button", name="Tambahkan misi").click()
    mission = page.locator("#vision-tree li.card").filter(has_text="Mewujudkan pariwisata musik berbasis digital")
    expect(mission).to_be_visible()
    expect(keywords.get_by_text("harmonis", exact=True)).to_be_visible()  # only the tree was swapped

    mission.get_by_text("Tambah tujuan").click()
    mission.get_by_label("Tujuan").fill("Ambon dikenal sebagai Kota Musik Dunia")
    mission.get_by_label("Smart Economy (Ekonomi Cerdas)").check()
    mission.get_by_role("button", name="Tambahkan tujuan").click()
    objective = page.locator("#vision-tree li[id^=objective-]").filter(has_text="Ambon dikenal sebagai Kota Musik Dunia")
    expect(objective).to_contain_text("Smart Economy (Ekonomi Cerdas)")

    objective.get_by_text("Tambah target").click()
    objective.get_by_label("Indikator").fill("Festival musik internasional per tahun")
    objective.get_by_label("Nilai target").fill("2")
    objective.get_by_label("Tahun").fill("2030")
    objective.get_by_role("button", name="Tambahkan target").click()
    year = page.locator("#vision-tree li[id^=objective-]").filter(has_text="Ambon dikenal sebagai Kota Musik Dunia").get_by_label("Tahun")
    expect(year).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#vision-tree")).to_contain_text("di luar periode masterplan")
    shot(page, "vision-02-target-refused")
