"""Account services: who may change accounts, the scope rules, and an audit trail without password hashes."""

import pytest
from django.core.exceptions import PermissionDenied

from kotacerdas.accounts import services
from kotacerdas.accounts.models import ApiToken, Role
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent

NOT_NATIONAL_ADMINS = ["penilai", "koordinator", "operator_dinkes", "mitra", "koordinator_lain"]


@pytest.mark.parametrize("persona", NOT_NATIONAL_ADMINS)
def test_only_national_admins_give_national_roles(persona, personas, operator_dinkes, unchanged):
    with unchanged():
        with pytest.raises(PermissionDenied):
            services.user_update(actor=personas[persona], user=operator_dinkes, role=Role.COORDINATOR)
        with pytest.raises(PermissionDenied):
            services.user_create(actor=personas[persona], username="baru", role=Role.ASSESSOR)


@pytest.mark.parametrize("persona", ["penilai", "operator_dinkes", "mitra", "koordinator_lain"])
def test_only_the_ministry_and_the_citys_coordinator_set_a_team_password(persona, personas, operator_dinkes, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        services.user_set_password(actor=personas[persona], user=operator_dinkes, password="Kata-Sandi-Baru-77")


@pytest.mark.parametrize(
    "changes, code, field",
    [
        ({"role": Role.COORDINATOR, "city": None, "opd": None}, "required", "city"),
        ({"opd": None}, "required", "opd"),
        ({"stakeholder": "tual"}, "scope_mismatch", "stakeholder"),
        ({"password": "x"}, "not_editable", "password"),
    ],
)
def test_account_scope_rules(changes, code, field, kementerian, operator_dinkes, tual, unchanged):
    from kotacerdas.cities.tests.factories import StakeholderFactory

    changes = {k: StakeholderFactory(city=tual) if v == "tual" else v for k, v in changes.items()}
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.user_update(actor=kementerian, user=operator_dinkes, **changes)
    assert exc.value.code == code and exc.value.field == field


def test_deactivating_an_account_is_audited(kementerian, koordinator):
    services.user_update(actor=kementerian, user=koordinator, is_active=False)
    event = AuditEvent.objects.get(model="accounts.user", action="update")
    assert event.changes == [("is_active", True, False)] and event.actor == kementerian


def test_a_user_revokes_only_their_own_tokens(koordinator, mitra, unchanged):
    services.token_issue(user=mitra)
    with unchanged(), pytest.raises(PermissionDenied):
        services.token_revoke_many(tokens=ApiToken.objects.all(), actor=koordinator)
    assert services.token_revoke_many(tokens=ApiToken.objects.all(), actor=mitra) == 1
