import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_demo_loads_twice_and_home_shows_ambon_stage(client):
    call_command("load_demo", demo_logins=True, stdout=io.StringIO())
    call_command("load_demo", demo_logins=True, stdout=io.StringIO())
    response = client.get("/")
    assert response.status_code == 200
    assert "Kota Ambon" in response.content.decode()
    assert client.login(username="koordinator.ambon", password="kotacerdas-demo")
    page = client.get("/cities/81.71/").content.decode()
    assert "Dinas Kesehatan" in page and "15 Oktober 2019" in page


@pytest.mark.django_db
def test_without_demo_logins_nobody_signs_in_with_the_public_password(client):
    call_command("load_demo", stdout=io.StringIO())
    assert not client.login(username="kementerian", password="kotacerdas-demo")
    assert not client.login(username="koordinator.ambon", password="kotacerdas-demo")
