"""API tokens: issue and revoke from the command line, what a revoked token or account gets."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kotacerdas.accounts.models import ApiToken, hash_token
from kotacerdas.core.models import AuditEvent


def _issue(username: str) -> str:
    out = io.StringIO()
    call_command("issue_token", username, "--label", "dasbor", stdout=out)
    return out.getvalue().strip()


def test_issued_token_authenticates_the_city_api(client, koordinator):
    token = _issue("koordinator")
    assert token.startswith("kc_")
    stored = ApiToken.objects.get(user=koordinator)
    assert stored.key_hash == hash_token(token) and token not in stored.key_hash and stored.label == "dasbor"
    response = client.get("/api/v1/cities/81.71", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json()["code"] == "81.71"
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_last_used_is_written_once_a_minute_not_at_every_request(client, koordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token = _issue("koordinator")
    headers = {"Authorization": f"Bearer {token}"}
    client.get("/api/v1/cities/81.71", headers=headers)
    stored = ApiToken.objects.get(user=koordinator)
    first = stored.last_used_at
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/cities/81.71", headers=headers).status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]  # a read writes nothing
    stored.refresh_from_db()
    assert stored.last_used_at == first
    ApiToken.objects.filter(pk=stored.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    client.get("/api/v1/cities/81.71", headers=headers)
    stored.refresh_from_db()
    assert stored.last_used_at > first


def test_without_a_token_an_unpublished_city_is_hidden(client, koordinator):
    assert client.get("/api/v1/cities/81.71").status_code == 404


def test_revoke_tokens_closes_every_token_of_the_user(client, koordinator):
    first, second = _issue("koordinator"), _issue("koordinator")
    out = io.StringIO()
    call_command("revoke_tokens", "koordinator", stdout=out)
    assert "2" in out.getvalue()
    for token in (first, second):
        response = client.get("/api/v1/cities/81.71", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401 and response.json()["code"] == "token_revoked"
    assert AuditEvent.objects.filter(model="accounts.apitoken", action="update").count() == 2


def test_token_of_a_deactivated_user_is_refused(client, koordinator):
    token = _issue("koordinator")
    koordinator.is_active = False
    koordinator.save()
    response = client.get("/api/v1/cities/81.71", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401 and response.json()["code"] == "user_inactive"


def test_made_up_token_is_refused(client, koordinator):
    response = client.get("/api/v1/cities/81.71", headers={"Authorization": "Bearer kc_ngawur"})
    assert response.status_code == 401 and response.json()["code"] == "token_invalid"


@pytest.mark.parametrize("command", ["issue_token", "revoke_tokens"])
def test_commands_refuse_an_unknown_user(command, db):
    with pytest.raises(CommandError, match="siapa"):
        call_command(command, "siapa")


def test_issue_token_refuses_a_deactivated_user(koordinator):
    koordinator.is_active = False
    koordinator.save()
    with pytest.raises(CommandError):
        call_command("issue_token", "koordinator")


def test_a_token_with_days_works_until_it_expires(client, koordinator):
    out = io.StringIO()
    call_command("issue_token", "koordinator", "--days", "30", stdout=out)
    token = out.getvalue().strip()
    stored = ApiToken.objects.get(user=koordinator)
    assert 29 <= (stored.expires_at - timezone.now()).days <= 30
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/cities/81.71", headers=headers).status_code == 200
    ApiToken.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/api/v1/cities/81.71", headers=headers)
    assert response.status_code == 401 and response.json()["code"] == "token_expired"


def test_issue_token_refuses_a_validity_under_one_day(koordinator):
    with pytest.raises(CommandError):
        call_command("issue_token", "koordinator", "--days", "0", stdout=io.StringIO())
    assert not ApiToken.objects.filter(user=koordinator).exists()
