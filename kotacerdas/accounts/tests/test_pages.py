"""Managing accounts in the application: the ministry every account, a coordinator their city's
operators and stakeholders; set-password links; everyone their own password; /admin/ for staff only."""

import pytest
from django.urls import reverse

from kotacerdas.accounts.models import User
from kotacerdas.cities.tests.factories import OpdFactory
from kotacerdas.core.models import AuditEvent
from kotacerdas.core.roles import Role

pytestmark = pytest.mark.django_db
LIST = reverse("accounts:user_list")
NEW = reverse("accounts:user_create")


def edit(user):
    return reverse("accounts:user_edit", args=[user.pk])


def password_url(user):
    return reverse("accounts:user_password", args=[user.pk])


@pytest.mark.parametrize(
    "persona, status",
    [
        ("kementerian", 200),
        ("koordinator", 200),
        ("koordinator_lain", 200),
        ("penilai", 403),
        ("operator_dinkes", 403),
        ("mitra", 403),
        ("warga", 302),
    ],
)
def test_who_opens_the_accounts_list(persona, status, personas, login):
    assert login(personas[persona]).get(LIST).status_code == status
    assert login(personas[persona]).get(NEW).status_code == status


def test_a_coordinator_sees_their_citys_accounts_only(personas, login):
    page = login(personas["koordinator"]).get(LIST).content.decode()
    shown = {name for name in personas if f"<strong>{name}</strong>" in page}
    assert shown == {"koordinator", "operator_dinkes", "mitra"}
    page = login(personas["kementerian"]).get(LIST).content.decode()
    assert {name for name in personas if f"<strong>{name}</strong>" in page} == set(personas) - {"warga"}


def _operator_form(opd, **extra):
    return {
        "username": "operator.dishub",
        "first_name": "Yohanis",
        "last_name": "Tuasikal",
        "email": "yohanis@example.id",
        "role": Role.OPD_OPERATOR,
        "opd": opd.pk,
        "is_active": "on",
        **extra,
    }


def test_a_coordinator_creates_an_operator_with_a_one_time_link(koordinator, dishub, login, client):
    response = login(koordinator).post(NEW, _operator_form(dishub))
    user = User.objects.get(username="operator.dishub")
    assert response.status_code == 302 and response.url == edit(user)
    assert user.city == koordinator.city and user.opd == dishub and user.role == Role.OPD_OPERATOR and not user.has_usable_password()
    assert AuditEvent.objects.filter(model="accounts.user", object_pk=str(user.pk), action="create", actor=koordinator).exists()
    page = client.get(edit(user)).content.decode()
    link = page.split("/users/set-password/")[1].split('"')[0]
    client.logout()
    url = f"/users/set-password/{link}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"password": "Pala-Cengkeh-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Pala-Cengkeh-2026")
    assert client.get(url).status_code == 410  # used once
    assert client.login(username="operator.dishub", password="Pala-Cengkeh-2026")


def test_a_coordinator_creates_a_stakeholder_account_with_a_password(koordinator, bumn, login):
    response = login(koordinator).post(
        NEW, {"username": "mitra.pln", "role": Role.STAKEHOLDER, "stakeholder": bumn.pk, "is_active": "on", "password": "Pala-Cengkeh-2026"}
    )
    assert response.status_code == 302
    user = User.objects.get(username="mitra.pln")
    assert user.stakeholder == bumn and user.city == bumn.city and user.check_password("Pala-Cengkeh-2026")


@pytest.mark.parametrize(
    "data",
    [
        {"username": "coord2", "role": Role.COORDINATOR},  # a role only the ministry gives
        {"username": "assessor2", "role": Role.ASSESSOR},
        {"username": "op.tual", "role": Role.OPD_OPERATOR, "opd": "tual"},  # a department of another city
    ],
)
def test_a_coordinator_cannot_give_other_roles_or_cities(data, koordinator, tual, login, unchanged):
    if data.get("opd") == "tual":
        data = {**data, "opd": OpdFactory(city=tual).pk}
    with unchanged():
        response = login(koordinator).post(NEW, {**data, "is_active": "on"})
        assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_a_coordinator_deactivates_an_operator(koordinator, operator_dinkes, dinkes, login):
    response = login(koordinator).post(edit(operator_dinkes), _operator_form(dinkes, username="operator_dinkes", is_active=""))
    assert response.status_code == 302
    operator_dinkes.refresh_from_db()
    assert not operator_dinkes.is_active
    event = AuditEvent.objects.get(model="accounts.user", object_pk=str(operator_dinkes.pk), action="update")
    assert event.actor == koordinator and event.before["is_active"] is True and event.after["is_active"] is False
    trail = login(koordinator).get(reverse("core:audit_trail", args=["accounts.user", operator_dinkes.pk])).content.decode()
    assert "<del>Ya</del> → <ins>Tidak</ins>" in trail and "is_active" not in trail


def test_a_coordinator_sets_an_operators_password(koordinator, operator_dinkes, login):
    response = login(koordinator).post(password_url(operator_dinkes), {"password": "Pala-Cengkeh-2026"})
    assert response.status_code == 302
    operator_dinkes.refresh_from_db()
    assert operator_dinkes.check_password("Pala-Cengkeh-2026")
    event = AuditEvent.objects.filter(model="accounts.user", object_pk=str(operator_dinkes.pk)).get()
    assert event.actor == koordinator and event.after == {"has_password": True, "password_changed": True}  # never the hash


@pytest.mark.parametrize(
    "persona, target, status",
    [
        ("koordinator_lain", "operator_dinkes", 404),  # another city's account: not even seen
        ("operator_dinkes", "mitra", 404),
        ("mitra", "operator_dinkes", 404),
        ("penilai", "operator_dinkes", 404),
        ("koordinator", "koordinator", 403),  # their own account: the ministry's
        ("warga", "operator_dinkes", 302),
    ],
)
def test_refused_account_changes_change_nothing(persona, target, status, personas, dinkes, login, unchanged):
    account = personas[target]
    with unchanged():
        client = login(personas[persona])
        assert client.get(edit(account)).status_code == status
        assert client.post(edit(account), _operator_form(dinkes, username=account.username, is_active="")).status_code == status
        assert client.post(password_url(account), {"password": "Pala-Cengkeh-2026"}).status_code == status
        assert client.post(password_url(account), {"link": "1"}).status_code == status


def test_the_ministry_creates_a_coordinator(kementerian, tual, login):
    response = login(kementerian).post(NEW, {"username": "koordinator.tual2", "role": Role.COORDINATOR, "city": tual.pk, "is_active": "on"})
    assert response.status_code == 302
    assert User.objects.get(username="koordinator.tual2").city == tual


def test_everyone_changes_their_own_password(mitra, login, password):
    url = reverse("accounts:password_change")
    assert login(mitra).get(url).status_code == 200
    response = login(mitra).post(
        url, {"old_password": password, "new_password1": "Pala-Cengkeh-2026", "new_password2": "Pala-Cengkeh-2026"}
    )
    assert response.status_code == 302
    mitra.refresh_from_db()
    assert mitra.check_password("Pala-Cengkeh-2026")
    assert AuditEvent.objects.filter(model="accounts.user", object_pk=str(mitra.pk), actor=mitra).exists()


def test_a_wrong_old_password_changes_nothing(mitra, login, unchanged):
    with unchanged():
        response = login(mitra).post(
            reverse("accounts:password_change"),
            {"old_password": "salah", "new_password1": "Pala-Cengkeh-2026", "new_password2": "Pala-Cengkeh-2026"},
        )
        assert response.status_code == 200


def test_an_invalid_link_says_so(client):
    assert client.get("/users/set-password/MQ/invalid-token/").status_code == 410


@pytest.mark.parametrize("persona", ["koordinator", "operator_dinkes", "mitra", "penilai"])
def test_the_admin_refuses_non_staff_with_an_explanation(persona, personas, login):
    response = login(personas[persona]).get("/admin/")
    assert response.status_code == 403
    assert "staf kementerian" in response.content.decode() or "ministry" in response.content.decode()


def test_the_admin_still_asks_anonymous_visitors_to_sign_in(client):
    assert client.get("/admin/").status_code == 302
