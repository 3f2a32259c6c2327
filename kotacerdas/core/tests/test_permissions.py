"""The one permissions module, role by role."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions
from kotacerdas.programmes.models import Programme

ROLES = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]


@pytest.mark.parametrize(
    "persona, sees_unpublished_ambon, manages_ambon",
    [
        ("kementerian", True, True),
        ("penilai", True, False),
        ("koordinator", True, True),
        ("operator_dinkes", True, False),
        ("mitra", True, False),
        ("warga", False, False),
        ("koordinator_lain", False, False),
    ],
)
def test_city_visibility_and_management(personas, ambon, persona, sees_unpublished_ambon, manages_ambon):
    user = personas[persona]
    assert permissions.can_view_city(user, ambon) is sees_unpublished_ambon
    assert permissions.can_manage_city(user, ambon) is manages_ambon
    assert (ambon in city_selectors.visible_cities(user)) is sees_unpublished_ambon
    if not sees_unpublished_ambon:
        with pytest.raises(Http404):
            city_selectors.city_or_404(user, "81.71")


def test_public_sees_published_cities_only(warga, ambon):
    ambon.is_published = True
    ambon.save()
    assert city_selectors.city_or_404(warga, "81.71") == ambon
    assert not permissions.can_manage_city(warga, ambon)


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("kementerian", True),
        ("penilai", False),
        ("koordinator", True),
        ("operator_dinkes", True),
        ("mitra", False),
        ("warga", False),
        ("koordinator_lain", False),
    ],
)
def test_only_own_department_records(personas, dinkes, persona, expected):
    assert permissions.can_edit_opd(personas[persona], dinkes) is expected


def test_operator_cannot_edit_another_department(operator_dinkes, dishub):
    assert not permissions.can_edit_opd(operator_dinkes, dishub)
    with pytest.raises(PermissionDenied, match="perangkat daerah Anda sendiri"):
        permissions.ensure(permissions.can_edit_opd(operator_dinkes, dishub), "opd.edit")


@pytest.mark.parametrize(
    "persona, own, other",
    [
        ("kementerian", True, True),
        ("penilai", False, False),
        ("koordinator", True, True),
        ("operator_dinkes", True, False),
        ("mitra", False, False),
        ("warga", False, False),
        ("koordinator_lain", False, False),
    ],
)
def test_programme_editing_follows_the_lead_department(personas, ambon, dinkes, dishub, persona, own, other):
    from kotacerdas.masterplan.models import Masterplan

    plan = Masterplan(city=ambon, start_year=2020, end_year=2024)
    assert permissions.can_edit_programme(personas[persona], Programme(masterplan=plan, lead_opd=dinkes)) is own
    assert permissions.can_edit_programme(personas[persona], Programme(masterplan=plan, lead_opd=dishub)) is other
    assert permissions.can_create_programme(personas[persona], ambon, dinkes) is own


@pytest.mark.parametrize(
    "persona, opd_ok, stakeholder_ok",
    [
        ("kementerian", True, True),
        ("penilai", False, False),
        ("koordinator", True, True),
        ("operator_dinkes", True, False),
        ("mitra", False, True),
        ("warga", False, False),
        ("koordinator_lain", False, False),
    ],
)
def test_bimtek_contributions_are_own_proposals(personas, ambon, dinkes, bumn, persona, opd_ok, stakeholder_ok):
    user = personas[persona]
    assert permissions.can_contribute_output(user, ambon, opd=dinkes) is opd_ok
    assert permissions.can_contribute_output(user, ambon, stakeholder=bumn) is stakeholder_ok


@pytest.mark.parametrize("persona", ROLES)
def test_reference_data_is_for_national_admins(personas, persona):
    assert permissions.can_manage_reference(personas[persona]) is (persona == "kementerian")


def test_deactivated_user_has_no_rights(koordinator, ambon):
    koordinator.is_active = False
    assert permissions.role_of(koordinator) is None
    assert not permissions.can_manage_city(koordinator, ambon)
