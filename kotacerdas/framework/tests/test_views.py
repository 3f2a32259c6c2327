import pytest

from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import EvaluationYear
from kotacerdas.framework.tests.factories import EvaluationYearFactory

pytestmark = pytest.mark.django_db
FORM = {
    "weight_baseline": "10",
    "weight_output": "20",
    "weight_outcome": "30",
    "weight_impact": "30",
    "weight_quick-win": "10",
    "source": "Surat Komdigi",
}


def test_public_page_shows_dimensions_elements_and_weights(client):
    page = client.get("/framework/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tata Kelola Cerdas" in html and "Tata kelola sampah dan limbah" in html
    assert "Dampak" in html and "Sangat kurang siap" in html and "APBD" in html
    assert "/framework/weights/" not in html  # no edit links for the public


def test_public_page_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/framework/"})
    html = client.get("/framework/").content.decode()
    assert "Smart Governance" in html and "Waste management" in html and "Not ready" in html


def test_the_reference_texts_follow_the_interface_language(client):
    html = client.get("/framework/").content.decode()
    assert "Diturunkan dari hasil resmi 2024" in html and "Tidak ada aturan program yang membatasi" in html
    assert "Derived from" not in html and "official results" not in html and "No programme rule" not in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/framework/"})
    html = client.get("/framework/").content.decode()
    assert "Derived from the official results of 2024" in html and "Evaluation of 2019: weights not published" in html
    assert "Diturunkan dari" not in html


def test_page_query_count_does_not_grow_with_years(client, django_assert_max_num_queries):
    EvaluationYearFactory.create_batch(10)
    with django_assert_max_num_queries(14):  # one per catalogue, however many years
        assert client.get("/framework/").status_code == 200


def test_ministry_sees_edit_links(login, kementerian):
    html = login(kementerian).get("/framework/").content.decode()
    assert "/framework/weights/2024/" in html and "/framework/weights/new/" in html


@pytest.mark.parametrize("persona", ["penilai", "koordinator", "operator_dinkes", "mitra", "koordinator_lain"])
def test_others_may_not_open_or_post_the_form(login, request, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get("/framework/weights/2024/").status_code == 403
    assert client.post("/framework/weights/2024/", FORM).status_code == 403
    assert not AuditEvent.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/framework/weights/2024/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_form_shows_current_weights(login, kementerian):
    html = login(kementerian).get("/framework/weights/2024/").content.decode()
    assert 'name="weight_outcome"' in html and 'value="30.00"' in html
    assert 'name="year"' not in html


def test_ministry_saves_weights(login, kementerian):
    response = login(kementerian).post("/framework/weights/2024/", FORM, follow=True)
    assert response.redirect_chain[-1][0] == "/framework/"
    year = EvaluationYear.objects.get(year=2024)
    assert year.source == "Surat Komdigi" and year.weights.get(dimension__code="impact").weight == 30
    assert AuditEvent.objects.filter(model="framework.evaluationyear", action="update").count() == 1


def test_weights_not_adding_up_show_the_total_and_save_nothing(login, kementerian):
    response = login(kementerian).post("/framework/weights/2024/", {**FORM, "weight_impact": "35"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "105" in html and "alert-danger" in html
    assert EvaluationYear.objects.get(year=2024).weights.get(dimension__code="impact").weight == 20


def test_missing_or_bad_weight_is_shown_on_its_field(login, kementerian):
    response = login(kementerian).post("/framework/weights/2024/", {**FORM, "weight_impact": "", "weight_output": "150"})
    form = response.context["form"]
    assert "weight_impact" in form.errors and "weight_output" in form.errors
    assert "is-invalid" in response.content.decode()


def test_new_year(login, kementerian):
    client = login(kementerian)
    assert client.post("/framework/weights/new/", {**FORM, "year": "2026"}).status_code == 302
    assert EvaluationYear.objects.get(year=2026).weights.count() == 5


def test_new_year_that_exists_or_is_out_of_range(login, kementerian, unchanged):
    client = login(kementerian)
    with unchanged():
        exists = client.post("/framework/weights/new/", {**FORM, "year": "2024"})
        too_early = client.post("/framework/weights/new/", {**FORM, "year": "2010"})
    assert "sudah memiliki bobot" in " ".join(exists.context["form"].errors["year"])
    assert "year" in too_early.context["form"].errors


def test_form_renders_with_the_core_renderer(login, kementerian):
    html = login(kementerian).post("/framework/weights/2024/", {**FORM, "weight_impact": ""}).content.decode()
    assert 'class="weight form-control is-invalid"' in html and 'aria-invalid="true"' in html
    assert 'id="id_source_helptext"' in html and 'aria-describedby="id_source_helptext"' in html


def test_unknown_year_is_404(login, kementerian):
    assert login(kementerian).get("/framework/weights/2017/").status_code == 404


def test_a_year_with_unknown_weights_can_get_them_once_known(login, kementerian):
    client = login(kementerian)
    assert client.get("/framework/weights/2019/").status_code == 200
    assert client.post("/framework/weights/2019/", FORM).status_code == 302
    assert EvaluationYear.objects.get(year=2019).weights.count() == 5
