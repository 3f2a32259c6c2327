"""The API plumbing every router shares: id resolution, paging, input cleaning, the error envelope."""

from __future__ import annotations

import datetime
import json
import unicodedata

import pydantic
import pytest
from django.http import Http404
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.cities.models import Opd
from kotacerdas.cities.tests.factories import OpdFactory
from kotacerdas.core.api import MAX_ID, Input, Paging, page, resolve, resolve_many
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.text import clean_text


@pytest.mark.django_db
def test_another_citys_record_is_answered_like_a_missing_one(ambon, tual, dinkes):
    foreign = OpdFactory(city=tual, name="Dinas Rahasia Tual")
    missing_id = Opd.objects.order_by("-pk").first().pk + 100
    with pytest.raises(Http404) as foreign_error:
        resolve(Opd, foreign.pk, city=ambon)
    with pytest.raises(Http404) as missing_error:
        resolve(Opd, missing_id, city=ambon)
    assert str(foreign_error.value).replace(str(foreign.pk), "N") == str(missing_error.value).replace(str(missing_id), "N")
    assert "Rahasia" not in str(foreign_error.value)
    assert resolve(Opd, dinkes.pk, city=ambon) == dinkes


@pytest.mark.django_db
def test_an_id_in_a_body_names_the_field_and_only_the_ids(ambon, tual, dinkes):
    foreign = OpdFactory(city=tual, name="Dinas Rahasia Tual")
    with pytest.raises(ServiceError) as error:
        resolve_many(Opd, [dinkes.pk, foreign.pk, MAX_ID + 1], city=ambon, field="supporting_opd_ids")
    assert error.value.code == "unknown_reference" and error.value.status == 400
    assert error.value.field == "supporting_opd_ids"
    assert str(foreign.pk) in error.value.message and "Rahasia" not in error.value.message
    assert str(dinkes.pk) not in error.value.message.split(":")[-1]


@pytest.mark.django_db
def test_ids_beyond_the_database_range_are_not_found_without_reaching_sql(ambon, django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(Http404):
        resolve(Opd, 2**70, city=ambon)


@pytest.mark.django_db
def test_resolve_many_keeps_the_order_given(ambon, dinkes, diskominfo):
    assert resolve_many(Opd, [dinkes.pk, diskominfo.pk], city=ambon, field="x") == [dinkes, diskominfo]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"offset": MAX_ID + 1}])
def test_paging_refuses_values_outside_the_range(params):
    with pytest.raises(pydantic.ValidationError):
        Paging(**params)


def test_a_page_counts_everything_and_holds_one_slice():
    assert page(list(range(120)), Paging(limit=50, offset=100)) == {"count": 120, "items": list(range(100, 120))}
    assert page([1, 2], Paging(), item=lambda n: {"n": n}) == {"count": 2, "items": [{"n": 1}, {"n": 2}]}


class _Body(Input):
    name: str
    tags: list[str] = []


def test_a_body_refuses_unknown_fields_by_name():
    with pytest.raises(pydantic.ValidationError) as error:
        _Body(name="Dinkes", colour="red")
    assert error.value.errors()[0]["loc"] == ("colour",)


def test_a_body_stores_one_normal_form_without_invisible_characters():
    body = _Body(name="Ambon\u200b Manise\ufeff e\u0301", tags=["Wi\u2060Fi"])
    assert body.name == "Ambon Manise \u00e9" and body.tags == ["WiFi"]


@pytest.mark.parametrize("text", ["Dinas\x00Kesehatan", "Dinas \ud800", "Bel\x07"])
def test_a_body_refuses_nul_control_characters_and_lone_surrogates(text):
    with pytest.raises(pydantic.ValidationError):
        _Body(name=text)


@given(st.text())
def test_clean_text_leaves_no_invisible_or_control_character(text):
    try:
        cleaned = clean_text(text)
    except ValueError:
        return
    assert all(unicodedata.category(ch) not in {"Cf", "Cs"} for ch in cleaned)
    assert all(unicodedata.category(ch) != "Cc" or ch in "\t\n\r" for ch in cleaned)
    assert clean_text(cleaned) == cleaned


@pytest.mark.django_db
def test_a_body_over_the_limit_answers_413_with_the_envelope(client, koordinator, api_token, settings, unchanged):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    headers = api_token(koordinator)
    with unchanged():
        response = client.post(
            "/api/v1/cities", data='{"region_code": "' + "9" * 20_000 + '"}', content_type="application/json", headers=headers
        )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_database_lock_answers_503_busy_with_retry_after(rf):
    from django.db import OperationalError

    from kotacerdas.api import api

    response = api.on_exception(rf.get("/api/v1/regions"), OperationalError("database is locked"))
    assert response.status_code == 503 and response["Retry-After"] == "2"
    assert json.loads(response.content)["code"] == "busy"


def test_a_page_whose_database_is_locked_answers_503_not_a_traceback(rf):
    from django.db import OperationalError

    from kotacerdas.core.middleware import DatabaseBusyMiddleware

    response = DatabaseBusyMiddleware(lambda request: None).process_exception(rf.get("/"), OperationalError("database is locked"))
    assert response.status_code == 503
    assert "Tidak ada yang diubah" in response.content.decode()


@pytest.mark.django_db
def test_an_anonymous_write_answers_401_even_with_csrf_checks(unchanged):
    from django.test import Client

    with unchanged():
        response = Client(enforce_csrf_checks=True).post(
            "/api/v1/cities", data={"region_code": "81.71", "cohort_id": 1}, content_type="application/json"
        )
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_a_signed_in_browser_write_without_csrf_token_is_refused(koordinator, unchanged):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(koordinator)
    with unchanged():
        response = browser.post("/api/v1/cities", data={"region_code": "81.72", "cohort_id": 1}, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


@pytest.mark.django_db
def test_a_refused_write_is_logged_with_who_what_and_the_answer(client, penilai, api_token, caplog):
    headers = api_token(penilai)
    with caplog.at_level("WARNING", logger="kotacerdas.refused"):
        client.post("/api/v1/cities", data={"region_code": "81.72", "cohort_id": 1}, content_type="application/json", headers=headers)
    assert f"refused write: POST /api/v1/cities by {penilai.username} answered 403" in caplog.text


class _Typed(Input):
    order: int = 0
    on: datetime.date | None = None
    ids: list[int] = []
    share: float = 0


@pytest.mark.parametrize(
    "body", [{"order": False}, {"order": "3"}, {"on": 0}, {"ids": [1, True]}, {"ids": ["1"]}, {"share": "0.5"}, {"order": 1.5}]
)
def test_a_value_of_the_wrong_json_type_is_refused_not_coerced(body):
    with pytest.raises(pydantic.ValidationError):
        _Typed(**body)


def test_values_of_the_documented_json_type_are_accepted():
    typed = _Typed(order=3, on="2019-10-15", ids=[1, 2], share=1)
    assert (typed.order, typed.on, typed.ids, typed.share) == (3, datetime.date(2019, 10, 15), [1, 2], 1.0)
    assert _Typed(on=None).on is None


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/cities/81%0071", "/api/v1/cities?q=%00", "/cities/%00/"])
def test_a_nul_character_in_the_address_answers_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["code"] == "bad_request"


@pytest.mark.django_db
def test_an_error_answer_names_its_request_id_as_the_header_and_log_do(client, penilai, api_token, caplog):
    headers = {**api_token(penilai), "X-Request-ID": "req-0123456789"}
    with caplog.at_level("WARNING", logger="kotacerdas.refused"):
        response = client.post(
            "/api/v1/cities", data={"region_code": "81.72", "cohort_id": 1}, content_type="application/json", headers=headers
        )
    assert response.status_code == 403
    assert response["X-Request-ID"] == "req-0123456789" and response.json()["request_id"] == "req-0123456789"
    assert "request req-0123456789" in caplog.text


@pytest.mark.django_db
def test_a_request_without_a_sane_id_gets_a_new_one(client):
    first, second = client.get("/api/v1/regions/81", headers={"X-Request-ID": "bad id\n"}), client.get("/api/v1/regions/81")
    assert first["X-Request-ID"] != "bad id\n" and len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]
