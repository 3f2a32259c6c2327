"""The Django admin of cities and accounts: city records read-only; users, passwords and tokens change through audited services."""

import pytest
from django.contrib import admin
from django.urls import reverse

from kotacerdas.accounts.models import ApiToken, Role, User
from kotacerdas.accounts.services import token_issue
from kotacerdas.cities.models import Opd
from kotacerdas.cities.tests.factories import OpdFactory
from kotacerdas.core.models import AuditEvent

CITY_MODELS = [
    "cities.city",
    "cities.stageevent",
    "cities.opd",
    "cities.body",
    "cities.bodymember",
    "cities.stakeholder",
    "cities.commitment",
    "cities.signatory",
]
MODELS = [*CITY_MODELS, "accounts.user", "accounts.apitoken"]


@pytest.fixture
def admin_client(client, kementerian):
    kementerian.is_staff = kementerian.is_superuser = True
    kementerian.save()
    client.force_login(kementerian)
    return client


def _user_form(user, **changes) -> dict:
    """The admin's change form of `user` as the browser posts it, with `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "role": user.role,
        "city": user.city_id or "",
        "opd": user.opd_id or "",
        "stakeholder": user.stakeholder_id or "",
        "organisation": user.organisation,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_every_model_of_cities_and_accounts_is_registered():
    registered = {m._meta.label_lower for m in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize("model", MODELS)
def test_admin_list_and_search_open(model, admin_client, koordinator, operator_dinkes, mitra):
    app, name = model.split(".")
    token_issue(user=koordinator)
    response = admin_client.get(reverse(f"admin:{app}_{name}_changelist"), {"q": "ambon"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", [*CITY_MODELS, "accounts.apitoken"])
def test_city_records_and_tokens_cannot_be_added_in_the_admin(model, admin_client, unchanged):
    app, name = model.split(".")
    with unchanged():
        assert admin_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 403
        assert admin_client.post(reverse(f"admin:{app}_{name}_add"), {}).status_code == 403


def test_editing_an_opd_in_the_admin_is_impossible(admin_client, dinkes, unchanged):
    change = reverse("admin:cities_opd_change", args=[dinkes.pk])
    page = admin_client.get(change).content.decode()
    assert "Dinas Kesehatan" in page and 'name="head_name"' not in page  # shown, not editable
    with unchanged():
        response = admin_client.post(
            change, {"city": dinkes.city_id, "name": "Dinas Kesehatan", "short_name": "Dinkes", "head_name": "Siapa Saja"}
        )
        assert response.status_code == 403
        assert admin_client.post(reverse("admin:cities_opd_delete", args=[dinkes.pk]), {"post": "yes"}).status_code == 403
    assert Opd.objects.get(pk=dinkes.pk).head_name != "Siapa Saja"


def test_user_admin_shows_role_and_scope(admin_client, operator_dinkes):
    page = admin_client.get(reverse("admin:accounts_user_change", args=[operator_dinkes.pk])).content.decode()
    for field in ("role", "city", "opd", "stakeholder", "organisation"):
        assert f'name="{field}"' in page


def test_promoting_a_user_in_the_admin_is_audited(admin_client, kementerian, operator_dinkes):
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[operator_dinkes.pk]), _user_form(operator_dinkes, role=Role.COORDINATOR, is_staff="on")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(pk=operator_dinkes.pk)
    assert user.role == Role.COORDINATOR and user.is_staff
    event = AuditEvent.objects.get(model="accounts.user", object_pk=str(user.pk), action="update")
    assert event.actor == kementerian and event.actor_name == "kementerian"
    assert event.before["role"] == Role.OPD_OPERATOR and event.after["role"] == Role.COORDINATOR
    assert event.before["is_staff"] is False and event.after["is_staff"] is True
    assert "password" not in event.before and "password" not in event.after
    assert user.password not in str(event.before) + str(event.after)


def test_saving_a_user_unchanged_writes_no_audit_row(admin_client, operator_dinkes):
    response = admin_client.post(reverse("admin:accounts_user_change", args=[operator_dinkes.pk]), _user_form(operator_dinkes))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(model="accounts.user").exists()


def test_an_operator_needs_a_department_of_their_own_city(admin_client, operator_dinkes, tual, unchanged, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    change, tual_opd = reverse("admin:accounts_user_change", args=[operator_dinkes.pk]), OpdFactory(city=tual)
    with unchanged():
        response = admin_client.post(change, _user_form(operator_dinkes, opd=tual_opd.pk))
        assert response.status_code == 200 and "must belong to the account" in response.content.decode()
    with unchanged():
        response = admin_client.post(change, _user_form(operator_dinkes, opd=""))
        assert response.status_code == 200 and "needs a department" in response.content.decode()


def test_adding_a_user_in_the_admin_is_audited_without_the_password(admin_client, kementerian, ambon, dinkes):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "operator.dishub",
            "usable_password": "true",
            "password1": "Rahasia-Sekali-2024",
            "password2": "Rahasia-Sekali-2024",
            "role": Role.OPD_OPERATOR,
            "city": ambon.pk,
            "opd": dinkes.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="operator.dishub")
    assert user.check_password("Rahasia-Sekali-2024") and user.opd == dinkes
    event = AuditEvent.objects.get(model="accounts.user", object_pk=str(user.pk))
    assert event.action == "create" and event.actor == kementerian and event.after["role"] == Role.OPD_OPERATOR
    assert event.after["has_password"] is True and "password" not in event.after and user.password not in str(event.after)


def test_setting_a_password_in_the_admin_is_audited_without_the_hash(admin_client, kementerian, koordinator):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[koordinator.pk]),
        {"usable_password": "true", "password1": "Kata-Sandi-Baru-77", "password2": "Kata-Sandi-Baru-77"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    koordinator.refresh_from_db()
    assert koordinator.check_password("Kata-Sandi-Baru-77")
    event = AuditEvent.objects.get(model="accounts.user", object_pk=str(koordinator.pk))
    assert event.actor == kementerian and event.after == {"has_password": True, "password_changed": True}


def test_accounts_are_deactivated_not_deleted(admin_client, koordinator, unchanged):
    with unchanged():
        response = admin_client.post(reverse("admin:accounts_user_delete", args=[koordinator.pk]), {"post": "yes"})
    assert response.status_code == 403


def test_tokens_cannot_be_edited_or_deleted_only_revoked(admin_client, kementerian, koordinator, unchanged):
    token_issue(user=koordinator)
    token = ApiToken.objects.get()
    page = admin_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).content.decode()
    assert 'name="label"' not in page and token.key_hash not in page
    with unchanged():
        assert admin_client.post(reverse("admin:accounts_apitoken_delete", args=[token.pk]), {"post": "yes"}).status_code == 403
    response = admin_client.post(
        reverse("admin:accounts_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.filter(model="accounts.apitoken", action="update").get()
    assert event.actor == kementerian and event.before == {"revoked_at": None}
