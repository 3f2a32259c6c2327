import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.cities.tests.factories import BodyFactory, CommitmentFactory
from kotacerdas.governance import services
from kotacerdas.masterplan.tests.factories import MasterplanFactory


def pdf(name="sk-dewan.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon, start_year=2019, end_year=2024)


@pytest.fixture
def council(ambon):
    return BodyFactory(city=ambon, kind="council", name="Dewan Smart City Kota Ambon")


@pytest.fixture
def commitment(ambon):
    return CommitmentFactory(city=ambon, signed_on=datetime.date(2019, 10, 15), place="Hotel Manise")


@pytest.fixture
def perwali(ambon, kementerian, plan):
    return services.regulation_create(
        actor=kementerian,
        city=ambon,
        type_code="perwali",
        number="17 Tahun 2020",
        title="Masterplan Smart City Kota Ambon 2019–2024",
        issued_on=datetime.date(2020, 6, 8),
        status="enacted",
        masterplan_id=plan.pk,
    )


@pytest.fixture
def draft(ambon, kementerian):
    return services.regulation_create(actor=kementerian, city=ambon, type_code="ranperda", title="Ranperda Penyelenggaraan Kota Cerdas")


@pytest.fixture
def meeting(ambon, kementerian, dinkes, bumn, council):
    return services.meeting_create(
        actor=kementerian,
        city=ambon,
        kind_code="rapat-koordinasi-dewan",
        title="Rapat koordinasi Dewan Smart City",
        held_on=datetime.date(2020, 2, 12),
        place="Balai Kota",
        body_id=council.pk,
        opd_ids=[dinkes.pk],
        stakeholder_ids=[bumn.pk],
        minutes="Pembahasan quick win.",
    )
