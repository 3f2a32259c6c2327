"""Pages that state facts about programmes state them right (issue 10): a department's page tells
the programmes it leads from those it only supports; the Bimtek III checklist names the programmes
still without years; each status has its own colour."""

import re

import pytest

from kotacerdas.bimtek.selectors import checklist
from kotacerdas.programmes.tests.factories import ProgrammeFactory, ProgrammeYearFactory


def _names(html: str, which: str) -> list[str]:
    """The programme names of the list <ul data-programmes="led|supported">."""
    listing = re.search(rf'<ul[^>]*data-programmes="{which}">(.*?)</ul>', html, re.S)
    return re.findall(r"<a [^>]*>([^<]*)</a>", listing.group(1)) if listing else []


@pytest.mark.django_db
def test_a_department_page_separates_the_programmes_it_leads_from_those_it_supports(
    login, operator_dinkes, plan, dinkes, dishub, django_assert_max_num_queries
):
    ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name="Sistem Informasi Puskesmas")
    supported = ProgrammeFactory(masterplan=plan, lead_opd=dishub, name="Bus Sekolah Pintar")
    supported.supporting_opds.add(dinkes)
    both = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name="Ambulans Terpadu")
    both.supporting_opds.add(dinkes)  # listed once, as led
    for n in range(5):
        ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name=f"Program dinkes {n}")
    client = login(operator_dinkes)
    with django_assert_max_num_queries(14):
        html = client.get(f"/cities/81.71/opd/{dinkes.pk}/").content.decode()
    led, supporting = _names(html, "led"), _names(html, "supported")
    assert "Sistem Informasi Puskesmas" in led and "Ambulans Terpadu" in led and len(led) == 7
    assert supporting == ["Bus Sekolah Pintar"]
    assert "diampu" in html  # the supported programme names its leading department
    # the operator may open the supported programme but finds no edit link there
    page = client.get(f"/cities/81.71/programmes/{supported.pk}/").content.decode()
    assert f"/programmes/{supported.pk}/edit/" not in page


@pytest.mark.django_db
def test_a_department_leading_nothing_says_so(login, koordinator, plan, dishub):
    html = login(koordinator).get(f"/cities/81.71/opd/{dishub.pk}/").content.decode()
    assert "tidak mengampu program apa pun" in html and _names(html, "led") == []


@pytest.mark.django_db
def test_the_bimtek_iii_checklist_names_the_programmes_without_years(plan):
    scheduled = [ProgrammeFactory(masterplan=plan) for _ in range(3)]
    for programme in scheduled:
        ProgrammeYearFactory(programme=programme)
    ProgrammeFactory(masterplan=plan, name="Aplikasi Pajak Daerah")
    roadmap = next(i for stage in checklist(plan) if stage["number"] == 3 for i in stage["items"] if i["key"] == "roadmap")
    assert not roadmap["done"]
    assert roadmap["missing"] == ["program tanpa jadwal tahunan: Aplikasi Pajak Daerah"]


@pytest.mark.django_db
def test_the_checklist_names_a_few_unscheduled_programmes_and_counts_the_rest(plan):
    for n in range(8):
        ProgrammeFactory(masterplan=plan, name=f"Tanpa jadwal {n}")
    roadmap = next(i for stage in checklist(plan) if stage["number"] == 3 for i in stage["items"] if i["key"] == "roadmap")
    (missing,) = roadmap["missing"]
    assert missing.count("Tanpa jadwal") == 5 and missing.endswith("dan 3 lainnya")


@pytest.mark.django_db
def test_planned_and_running_programmes_have_different_colours(login, koordinator, plan, ref):
    ProgrammeFactory(masterplan=plan, status=ref.status["planned"])
    ProgrammeFactory(masterplan=plan, status=ref.status["running"])
    html = login(koordinator).get("/cities/81.71/programmes/").content.decode()
    colours = {status: classes for classes, status in re.findall(r'<span class="badge ([^"]*)" data-status="(\w+)"', html)}
    assert colours["planned"] != colours["running"]
