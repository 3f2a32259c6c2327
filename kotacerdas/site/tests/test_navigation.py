"""One navigation per city for every role, guidance instead of dead ends for a new city, a top bar per role."""

import pytest
from django.urls import reverse

from kotacerdas.programmes.models import Programme
from kotacerdas.site.navigation import CITY_NAVIGATION

pytestmark = pytest.mark.django_db

SECTIONS = [section.url_name for group in CITY_NAVIGATION for section in group.sections]
PLAN_PAGES = ["bimtek:list", "programmes:list", "programmes:quick_wins", "programmes:roadmap", "programmes:dashboard"]


@pytest.fixture
def new_city(tual):
    """A city just enrolled: nothing recorded, published so citizens may look."""
    tual.is_published = True
    tual.save()
    return tual


@pytest.mark.parametrize("persona", ["koordinator_lain", "warga", "penilai", "kementerian"])
@pytest.mark.parametrize("name", SECTIONS)
def test_every_section_of_a_new_city_answers_with_the_city_navigation(name, persona, personas, new_city, login):
    response = login(personas[persona]).get(reverse(name, args=[new_city.code]))
    assert response.status_code == 200, name
    page = response.content.decode()
    assert 'class="city-nav' in page
    for other in SECTIONS:  # every section is one click away
        assert f'href="{reverse(other, args=[new_city.code])}"' in page


@pytest.mark.parametrize("name", PLAN_PAGES)
def test_a_plan_page_without_masterplan_says_what_comes_first(name, koordinator_lain, warga, new_city, login, client):
    create = reverse("masterplan:detail", args=[new_city.code]) + "#new-h"
    page = login(koordinator_lain).get(reverse(name, args=[new_city.code])).content.decode()
    assert "belum memiliki masterplan" in page and f'href="{create}"' in page
    client.logout()
    page = client.get(reverse(name, args=[new_city.code])).content.decode()
    assert "belum memiliki masterplan" in page and f'href="{create}"' not in page


def test_a_write_to_a_city_without_masterplan_is_refused_and_changes_nothing(koordinator_lain, new_city, login, unchanged):
    with unchanged():
        response = login(koordinator_lain).post(reverse("programmes:create", args=[new_city.code]), {"name": "Program"})
        assert response.status_code == 409
    assert not Programme.objects.exists()


def test_the_api_still_answers_404_without_masterplan(client, api_token, koordinator_lain, new_city):
    response = client.get(f"/api/v1/cities/{new_city.code}/programmes", headers=api_token(koordinator_lain))
    assert response.status_code == 404


def test_the_city_summary_shows_the_next_step(koordinator_lain, new_city, login):
    page = login(koordinator_lain).get(reverse("cities:dashboard", args=[new_city.code])).content.decode()
    assert f'data-next-step href="{reverse("cities:opd_list", args=[new_city.code])}"' in page


def test_the_public_sees_no_next_steps(client, new_city):
    assert "data-next-step" not in client.get(reverse("cities:dashboard", args=[new_city.code])).content.decode()


@pytest.mark.parametrize(
    "persona, present, absent",
    [
        ("kementerian", ["/users/", "/framework/"], ['/about/">']),
        ("penilai", ["/framework/"], ['/users/"']),
        ("koordinator", ["/users/", "/cities/81.71/", "/cities/81.71/programmes/"], []),
        ("operator_dinkes", ["/cities/81.71/opd/"], ['/users/"']),
        ("mitra", ["/cities/81.71/stakeholders/"], ['/users/"']),
        ("warga", ["/about/", "/framework/", "/login/"], ['/users/"']),
    ],
)
def test_the_top_bar_shows_what_each_role_needs(persona, present, absent, personas, login, ambon):
    page = login(personas[persona]).get("/framework/").content.decode()
    bar = page.split('id="nav"')[1].split("</nav>")[0]
    for link in present:
        assert link in bar, link
    for link in absent:
        assert link not in bar, link


def test_gap_checks_of_an_empty_city_say_nothing_is_recorded(koordinator_lain, new_city, login):
    page = login(koordinator_lain).get(reverse("alignment:gaps", args=[new_city.code])).content.decode()
    assert "Belum ada program yang dicatat" in page and "Belum ada RPJMD yang dicatat" in page
    assert "Tidak ada yang perlu diperbaiki" not in page.split("check-programme_without_rpjmd")[1].split("</section>")[0]
