"""No lost edits (core.concurrency): versions, ETag / If-Match on the API, the stale page form."""

import json

import pytest
from django.urls import reverse

from kotacerdas.cities import services as city_services
from kotacerdas.cities.models import Opd
from kotacerdas.core.models import AuditEvent

URL = "/api/v1/cities/81.71/opds/{pk}"


def patch(client, url, data, headers, **extra):
    return client.patch(url, data=json.dumps(data), content_type="application/json", headers={**headers, **extra})


@pytest.fixture
def headers(api_token, koordinator):
    return api_token(koordinator)


def test_a_record_starts_at_version_1_and_each_change_adds_one(koordinator, dinkes):
    assert dinkes.version == 1
    city_services.opd_update(actor=koordinator, opd=dinkes, head_name="Dr. Baru")
    city_services.opd_update(actor=koordinator, opd=dinkes, head_name="Dr. Baru")  # no change: no new version
    dinkes.refresh_from_db()
    assert dinkes.version == 2
    assert AuditEvent.objects.filter(model="cities.opd", object_pk=str(dinkes.pk), action="update").count() == 1


def test_the_api_answers_the_version_as_etag_and_honours_if_match(client, headers, dinkes):
    url = URL.format(pk=dinkes.pk)
    got = client.get(url, headers=headers)
    assert got["ETag"] == '"1"' and got.json()["version"] == 1
    changed = patch(client, url, {"head_name": "Dr. Satu"}, headers, **{"If-Match": '"1"'})
    assert changed.status_code == 200 and changed["ETag"] == '"2"'
    assert patch(client, url, {"head_name": "Dr. Dua"}, headers, **{"If-Match": "*"}).status_code == 200
    assert patch(client, url, {"short_name": "X"}, headers).status_code == 200  # without If-Match: applies to the current version
    dinkes.refresh_from_db()
    assert (dinkes.version, dinkes.head_name, dinkes.short_name) == (4, "Dr. Dua", "X")


@pytest.mark.parametrize("if_match", ['"1"', 'W/"2"', '"x"', '"99999999999999999999999"', ""])
def test_a_stale_or_unreadable_if_match_is_refused_with_412_and_nothing_changes(client, headers, koordinator, dinkes, unchanged, if_match):
    city_services.opd_update(actor=koordinator, opd=dinkes, head_name="Dr. Satu")  # now version 2
    with unchanged():
        answer = patch(client, URL.format(pk=dinkes.pk), {"head_name": "Dr. Lama"}, headers, **{"If-Match": if_match})
    assert answer.status_code == 412
    body = answer.json()
    assert body["code"] == "version_conflict" and koordinator.username in body["message"] and "2" in body["message"]


def test_if_match_can_be_required(client, headers, dinkes, settings, unchanged):
    settings.API_REQUIRE_IF_MATCH = True
    with unchanged():
        answer = patch(client, URL.format(pk=dinkes.pk), {"head_name": "Dr. Baru"}, headers)
    assert answer.status_code == 428 and answer.json()["code"] == "version_required"
    assert patch(client, URL.format(pk=dinkes.pk), {"head_name": "Dr. Baru"}, headers, **{"If-Match": '"1"'}).status_code == 200


def test_two_changes_of_different_fields_from_the_same_read_both_land(koordinator, dinkes):
    first, second = Opd.objects.get(pk=dinkes.pk), Opd.objects.get(pk=dinkes.pk)
    city_services.opd_update(actor=koordinator, opd=first, head_name="Dr. Satu")
    city_services.opd_update(actor=koordinator, opd=second, short_name="DINKES-X")  # read before the first change
    dinkes.refresh_from_db()
    assert (dinkes.head_name, dinkes.short_name, dinkes.version) == ("Dr. Satu", "DINKES-X", 3)


def _form(dinkes, **changes):
    data = {
        "name": dinkes.name,
        "short_name": dinkes.short_name,
        "head_name": dinkes.head_name,
        "head_title": dinkes.head_title,
        "version": "1",
    }
    if dinkes.is_leading_sector:
        data["is_leading_sector"] = "on"
    return data | changes


def test_the_page_form_carries_the_version(login, koordinator, dinkes):
    page = login(koordinator).get(reverse("cities:opd_edit", args=["81.71", dinkes.pk]))
    assert 'name="version" value="1"' in page.content.decode()


def test_a_stale_page_form_is_refused_merged_and_shows_what_changed(login, koordinator, kementerian, dinkes, unchanged):
    url = reverse("cities:opd_edit", args=["81.71", dinkes.pk])
    stale = _form(dinkes, head_title="Plt. Kepala Dinas")  # opened at version 1; this person changes the title
    city_services.opd_update(actor=kementerian, opd=Opd.objects.get(pk=dinkes.pk), head_name="Dr. Lain", short_name="DKS")
    client = login(koordinator)
    with unchanged():
        page = client.post(url, stale)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="version-conflict"' in html and kementerian.username in html and "Dr. Lain" in html
    form = page.context["form"]
    # The other person's changes to fields this person left alone are taken into the form …
    assert form.data["head_name"] == "Dr. Lain" and form.data["short_name"] == "DKS"
    # … this person's own change is kept, and the form now stands on the current version.
    assert form.data["head_title"] == "Plt. Kepala Dinas" and form.data["version"] == "2"
    saved = client.post(url, dict(form.data.items()))
    assert saved.status_code == 302
    dinkes.refresh_from_db()
    assert (dinkes.head_name, dinkes.short_name, dinkes.head_title, dinkes.version) == ("Dr. Lain", "DKS", "Plt. Kepala Dinas", 3)


def test_a_field_both_people_changed_keeps_this_persons_value_and_says_so(login, koordinator, kementerian, dinkes):
    url = reverse("cities:opd_edit", args=["81.71", dinkes.pk])
    stale = _form(dinkes, head_name="Dr. Saya")
    city_services.opd_update(actor=kementerian, opd=Opd.objects.get(pk=dinkes.pk), head_name="Dr. Lain")
    page = login(koordinator).post(url, stale)
    assert page.context["form"].data["head_name"] == "Dr. Saya"
    form = page.context["form"]
    assert form.version_conflict["both"] == [str(form.fields["head_name"].label)]
    dinkes.refresh_from_db()
    assert dinkes.head_name == "Dr. Lain"
