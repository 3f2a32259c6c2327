from django.conf import settings


def test_pages_speak_indonesian_even_to_an_english_browser(client, db):
    page = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Tentang Kota Cerdas" in page


def test_the_switch_chooses_english_for_the_pages(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/about/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "About Kota Cerdas" in client.get("/about/").content.decode()


def test_api_messages_follow_accept_language(client, db):
    assert "No region" in client.get("/api/v1/regions/81.99", HTTP_ACCEPT_LANGUAGE="en").json()["message"]
    assert "Tidak ada wilayah" in client.get("/api/v1/regions/81.99").json()["message"]
