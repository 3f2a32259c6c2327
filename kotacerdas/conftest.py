"""Shared fixtures: the reference data (loaded once per test session) and the personas.

Personas, as in the product:
- ``kementerian``: a national admin at the ministry;
- ``penilai``: a ministry assessor;
- ``koordinator``: the city coordinator at Diskominfo, Kota Ambon;
- ``operator_dinkes``: an operator at the health office (Dinas Kesehatan) of Ambon;
- ``mitra``: a stakeholder account (a state-owned enterprise) of Ambon;
- ``warga``: an anonymous citizen (AnonymousUser);
- ``koordinator_lain``: the coordinator of another city (Kota Tual, 81.72).
"""

import io
from contextlib import contextmanager

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from kotacerdas.accounts.models import Role
from kotacerdas.accounts.tests.factories import PASSWORD, UserFactory
from kotacerdas.cities.tests.factories import CityFactory, CohortFactory, OpdFactory, StakeholderFactory
from kotacerdas.regions.models import Region


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", only_regency="81.71", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def private_files_in_a_temporary_folder(settings, tmp_path):
    """Evidence files written by a test (the demo writes some) never land in the working tree's `private/`."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is for production, not for seven personas per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def sign_in_without_throttling(settings):
    """`client.login()` has no request for the sign-in throttle to count: tests sign in with the
    plain backend; `site/tests/test_sign_in.py` and the browser tests go through the throttle."""
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]


@pytest.fixture(autouse=True)
def public_reads_rendered_every_time(settings):
    """A test reads the page after changing the data; `core/tests/test_public_page_cache.py` turns the cache on."""
    settings.PUBLIC_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def jobs_run_at_once(settings, tmp_path):
    """Background jobs run inside the request that starts them (the runners' own tests in jobs/tests
    choose theirs); their uploads and results go to a temporary folder."""
    settings.JOBS_RUNNER = "sync"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def ambon(db):
    return CityFactory(region=Region.objects.get(code="81.71"))


@pytest.fixture
def tual(db):
    return CityFactory(region=Region.objects.get(code="81.72"), cohort=CohortFactory(year=2021, stage_number=None, selected_count=48))


@pytest.fixture
def diskominfo(ambon):
    return OpdFactory(city=ambon, name="Dinas Komunikasi, Informatika dan Persandian", short_name="Diskominfosandi", is_leading_sector=True)


@pytest.fixture
def dinkes(ambon):
    return OpdFactory(city=ambon, name="Dinas Kesehatan", short_name="Dinkes")


@pytest.fixture
def dishub(ambon):
    return OpdFactory(city=ambon, name="Dinas Perhubungan", short_name="Dishub")


@pytest.fixture
def bumn(ambon):
    return StakeholderFactory(city=ambon, name="PT Telkom Indonesia (Persero) Witel Maluku")


@pytest.fixture
def kementerian(db):
    return UserFactory(username="kementerian", role=Role.NATIONAL_ADMIN, organisation="Komdigi")


@pytest.fixture
def penilai(db):
    return UserFactory(username="penilai", role=Role.ASSESSOR, organisation="Universitas Pattimura")


@pytest.fixture
def koordinator(ambon, diskominfo):
    return UserFactory(username="koordinator", role=Role.COORDINATOR, city=ambon, opd=diskominfo)


@pytest.fixture
def operator_dinkes(ambon, dinkes):
    return UserFactory(username="operator_dinkes", role=Role.OPD_OPERATOR, city=ambon, opd=dinkes)


@pytest.fixture
def mitra(ambon, bumn):
    return UserFactory(username="mitra", role=Role.STAKEHOLDER, city=ambon, stakeholder=bumn)


@pytest.fixture
def warga():
    return AnonymousUser()


@pytest.fixture
def koordinator_lain(tual):
    return UserFactory(username="koordinator_lain", role=Role.COORDINATOR, city=tual)


@pytest.fixture
def personas(kementerian, penilai, koordinator, operator_dinkes, mitra, warga, koordinator_lain):
    """Every role, by name: for permission matrices."""
    return {
        "kementerian": kementerian,
        "penilai": penilai,
        "koordinator": koordinator,
        "operator_dinkes": operator_dinkes,
        "mitra": mitra,
        "warga": warga,
        "koordinator_lain": koordinator_lain,
    }


@pytest.fixture
def login(client):
    """Sign a persona in on the test client: ``login(koordinator)``."""

    def _login(user):
        if user.is_authenticated:
            client.force_login(user)
        return client

    return _login


@pytest.fixture
def api_token():
    """A fresh bearer token for a user: ``headers = api_token(koordinator)``."""
    from kotacerdas.accounts.models import ApiToken
    from kotacerdas.accounts.services import token_issue

    def _token(user):
        token = token_issue(user=user)
        # As if used a moment ago: its last use is written at most once a minute (accounts.auth), so
        # the queries a test counts are those of the request, whichever request comes first.
        ApiToken.objects.filter(user=user).update(last_used_at=timezone.now())
        return {"Authorization": f"Bearer {token}"}

    return _token


# Bookkeeping that a request may touch without changing the records: token and login times.
_VOLATILE = {"last_used_at", "last_login"}


def _database_state() -> dict:
    """Every row of every Kota Cerdas model (audit trail included), ordered by key."""
    state = {}
    for model in django_apps.get_models():
        if not model.__module__.startswith("kotacerdas.") or model._meta.proxy:
            continue
        rows = model._default_manager.order_by("pk").values()
        state[model._meta.label] = [{k: v for k, v in row.items() if k not in _VOLATILE} for row in rows]
    return state


@pytest.fixture
def unchanged(db):
    """``with unchanged(): client.post(...)``: a refused request leaves every record and the audit trail as they were."""

    @contextmanager
    def _check():
        before = _database_state()
        yield
        after = _database_state()
        changed = [label for label in before.keys() | after.keys() if before.get(label) != after.get(label)]
        assert not changed, f"a refused request changed {sorted(changed)}"

    return _check
