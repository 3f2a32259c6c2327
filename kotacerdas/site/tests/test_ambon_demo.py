"""The Ambon demo contradicts no public source, and whatever it invents says so where it is shown (issue 7, item 5)."""

import datetime
import html
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from kotacerdas.bimtek import demo as bimtek_demo
from kotacerdas.cities import demo as cities_demo
from kotacerdas.cities.models import City
from kotacerdas.governance import demo as governance_demo
from kotacerdas.masterplan import demo as masterplan_demo
from kotacerdas.masterplan.selectors import legalising_regulation

pytestmark = pytest.mark.django_db
UNESCO_DAY = datetime.date(2019, 10, 31)
LINK = re.compile(r'href="(/cities/81\.71/[^"#?]*)')


@pytest.fixture
def ambon_demo():
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return City.objects.get(region_id="81.71")


def _crawl(client, start="/cities/81.71/", per_kind=3):
    """The pages of the demo city an anonymous visitor reaches by following links (GET, 200 only):
    every kind of page (URL with its numbers replaced), a few records of each."""
    seen, queue, pages, kinds = set(), [start], {}, {}
    while queue:
        url = queue.pop(0)
        kind = re.sub(r"\d+", "#", url.removeprefix(start))
        if url in seen or kinds.get(kind, 0) >= per_kind:
            continue
        seen.add(url)
        kinds[kind] = kinds.get(kind, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        body = response.content.decode()
        pages[url] = body
        queue.extend(u for u in LINK.findall(body) if u not in seen and not urlsplit(u).path.endswith((".csv", ".pdf", ".docx")))
    return pages


def test_every_anonymous_page_of_the_demo_city_says_it_is_a_demo_and_marks_invented_numbers(client, ambon_demo):
    pages = _crawl(client)
    assert len(pages) > 20, sorted(pages)
    unmarked = [url for url, body in pages.items() if 'id="demo-banner"' not in body]
    assert not unmarked, f"pages of the demo city without the demo banner: {unmarked}"
    invented = cities_demo.INVENTED_NUMBERS + masterplan_demo.INVENTED_NUMBERS
    shown = 0
    for value in invented:
        core = html.escape(value.split(cities_demo.DEMO_MARK)[0].rstrip())
        marked = core + " " + html.escape(cities_demo.DEMO_MARK)
        for url, body in pages.items():
            shown += body.count(core)
            assert body.count(core) == body.count(marked), f"{url} shows the invented “{core}” without {cities_demo.DEMO_MARK}"
    assert shown >= len(invented)  # each invented number is shown somewhere, marked


def test_a_page_of_a_real_city_has_no_demo_banner(client, ambon):
    City.objects.filter(pk=ambon.pk).update(is_published=True, is_demo=False)
    assert client.get("/cities/81.71/").status_code == 200
    assert 'id="demo-banner"' not in client.get("/cities/81.71/").content.decode()
    City.objects.filter(pk=ambon.pk).update(is_demo=True)
    assert 'id="demo-banner"' in client.get("/cities/81.71/").content.decode()


def _the_dated_facts_follow_the_public_sources(ambon_demo):
    city = ambon_demo
    assert city.mou_date == datetime.date(2019, 5, 16) and "Jakarta" in city.mou_signatories
    commitment = city.commitments.get()
    assert commitment.signed_on == datetime.date(2019, 10, 15) and "Manise" in commitment.place
    official = commitment.signatories.get(kind="official")
    assert official.name == "A. G. Latuheru" and "Richard Louhenapessy" in official.on_behalf_of
    plan = city.masterplans.get()
    assert (plan.start_year, plan.end_year) == (2019, 2024) and cities_demo.DEMO_MARK in plan.regulation_number
    bimtek1 = plan.workshops.get(number=1)
    assert bimtek1.start_date == datetime.date(2019, 7, 11) and "Manise" in bimtek1.venue


def _nothing_dated_before_31_october_2019_calls_ambon_a_unesco_city_of_music(ambon_demo):
    plan = ambon_demo.masterplans.get()
    texts = [plan.vision, *plan.missions.values_list("text", flat=True)]
    texts += [t for m in plan.missions.all() for t in m.objectives.values_list("text", flat=True)]
    for workshop in plan.workshops.filter(end_date__lt=UNESCO_DAY):
        texts += [workshop.minutes, *workshop.outputs.values_list("text", flat=True)]
    texts += list(plan.swot_items.values_list("text", flat=True)) + list(plan.lens_assessments.values_list("current_condition", flat=True))
    assert not [t for t in texts if "unesco" in t.lower()]


def _the_quick_wins_of_the_minutes_and_of_the_registry_agree(ambon_demo):
    from kotacerdas.programmes.models import QuickWin

    plan = ambon_demo.masterplans.get()
    stages = {q.programme.name: q.stage for q in QuickWin.objects.filter(programme__masterplan=plan).select_related("programme")}
    assert sorted(n for n, s in stages.items() if s == "selected") == sorted(bimtek_demo.QUICK_WIN_FINAL)
    assert sorted(n for n, s in stages.items() if s != "candidate") == sorted(bimtek_demo.QUICK_WIN_SHORTLIST)
    minutes = plan.workshops.get(number=4).minutes
    assert all(name in minutes for name in bimtek_demo.QUICK_WIN_FINAL)
    assert sorted(plan.workshops.get(number=3).outputs.filter(kind="quick_win").values_list("text", flat=True)) == sorted(stages)


def _call_center_112_is_run_by_diskominfosandi_and_starts_after_2020(ambon_demo):
    programme = ambon_demo.masterplans.get().programmes.get(name="Call Center 112")
    assert programme.lead_opd.short_name == "Diskominfosandi" and programme.start_year > 2020
    assert "2020" not in programme.quick_win.timeline.split(":")[0] or "Setelah 2020" in programme.quick_win.timeline


def _people_and_departments_are_named_as_the_sources_allow(ambon_demo):
    shorts = set(ambon_demo.opds.values_list("short_name", flat=True))
    assert {"BPPRD", "DP3AMD", "DPRKP", "Diskominfosandi"} <= shorts and not {"Bapenda", "DP3A", "Perkim"} & shorts
    heads = list(ambon_demo.opds.values_list("head_name", flat=True))
    assert all(h.endswith(" Contoh") for h in heads)
    contacts = list(ambon_demo.stakeholders.values_list("contact_person", flat=True))
    assert all(c.endswith(" Contoh") for c in contacts)
    members = [m.name for b in ambon_demo.bodies.all() for m in b.members.all()]
    assert all(m.endswith(" Contoh") or m.startswith(("Wali Kota", "Wakil Wali Kota", "Sekretaris Kota")) for m in members)


def _plan_codes_are_the_nomenclatures_and_no_sub_activity_code_is_invented(ambon_demo):
    from kotacerdas.alignment.models import PlanItem

    items = PlanItem.objects.filter(document__city=ambon_demo)
    names = dict(items.filter(kind="programme").values_list("code", "text"))
    assert names["2.16.02"] == "Program Informasi dan Komunikasi Publik" and names["2.16.03"] == "Program Aplikasi Informatika"
    assert not items.filter(kind="sub_activity").exists()


def _every_demo_programme_starts_within_its_horizon(ambon_demo):
    from kotacerdas.programmes.selectors import horizon_fits

    programmes = list(ambon_demo.masterplans.get().programmes.select_related("horizon", "masterplan"))
    assert programmes and [p.name for p in programmes if not horizon_fits(p)] == []


# Loading the demo takes half a minute: one test runs every rule about its facts, each a named check.
FACT_CHECKS = [
    _the_dated_facts_follow_the_public_sources,
    _nothing_dated_before_31_october_2019_calls_ambon_a_unesco_city_of_music,
    _the_quick_wins_of_the_minutes_and_of_the_registry_agree,
    _call_center_112_is_run_by_diskominfosandi_and_starts_after_2020,
    _people_and_departments_are_named_as_the_sources_allow,
    _plan_codes_are_the_nomenclatures_and_no_sub_activity_code_is_invented,
    _every_demo_programme_starts_within_its_horizon,
]


def test_the_demo_contradicts_no_public_source(ambon_demo):
    for check in FACT_CHECKS:
        check(ambon_demo)


def test_the_demo_keeps_its_2019_cycle_with_the_sources_dates_and_no_warnings(ambon_demo):
    from kotacerdas.cities.selectors import stage_cycles

    plan = ambon_demo.masterplans.get(start_year=2019, end_year=2024)
    dates = dict(plan.stage_events.values_list("stage", "reached_on"))
    assert dates["bimtek1"] == datetime.date(2019, 7, 11)  # Manise Hotel, 11 July 2019
    assert dates["commitment"] == datetime.date(2019, 10, 15)  # signed at the Manise Hotel
    assert set(dates) == {"bodies", "bimtek1", "bimtek2", "bimtek3", "bimtek4", "commitment", "legalised"}
    assert ambon_demo.stage_events.get(stage="mou").reached_on == datetime.date(2019, 5, 16) and plan.status == "legalised"
    lifecycle = stage_cycles(ambon_demo)
    assert lifecycle["current"]["masterplan"] == plan and lifecycle["current"]["warnings"] == []
    assert legalising_regulation(plan).number == governance_demo.PERWALI_NUMBER  # its Perwali is the register's entry
