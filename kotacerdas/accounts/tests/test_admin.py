"""The Django admin of cities and accounts: every list and form opens, tokens are revoked, not edited."""
import pytest
from django.contrib import admin
from django.urls import reverse

from kotacerdas.accounts.models import ApiToken
from kotacerdas.accounts.services import token_issue

MODELS = ["cities.city", "cities.stageevent", "cities.opd", "cities.body", "cities.bodymember", "cities.stakeholder",
          "cities.commitment", "cities.signatory", "accounts.user", "accounts.apitoken"]


@pytest.fixture
def admin_client(client, kementerian):
    kementerian.is_staff = kementerian.is_superuser = True
    kementerian.save()
    client.force_login(kementerian)
    return client


def test_every_model_of_cities_and_accounts_is_registered():
    registered = {m._meta.label_lower for m in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize("model", MODELS)
def test_admin_list_and_search_open(model, admin_client, koordinator, operator_dinkes, mitra):
    app, name = model.split(".")
    token_issue(user=koordinator)
    response = admin_client.get(reverse(f"admin:{app}_{name}_changelist"), {"q": "ambon"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", [m for m in MODELS if m != "accounts.apitoken"])
def test_admin_add_form_opens(model, admin_client):
    app, name = model.split(".")
    assert admin_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200


def test_user_admin_shows_role_and_scope(admin_client, operator_dinkes):
    page = admin_client.get(reverse("admin:accounts_user_change", args=[operator_dinkes.pk])).content.decode()
    for field in ("role", "city", "opd", "stakeholder", "organisation"):
        assert f'name="{field}"' in page


def test_tokens_cannot_be_added_or_edited_only_revoked(admin_client, koordinator):
    token_issue(user=koordinator)
    token = ApiToken.objects.get()
    assert admin_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    page = admin_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).content.decode()
    assert 'name="label"' not in page and token.key_hash not in page
    response = admin_client.post(reverse("admin:accounts_apitoken_changelist"),
                                 {"action": "revoke", "_selected_action": [token.pk]}, follow=True)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
