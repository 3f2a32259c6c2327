"""Demo: Ambon's regulation register, a few meetings and one attachment.

The register holds the Perwali adopting the 2019–2024 masterplan (dated and linked as the masterplan's
regulation, so the masterplan page shows it as its register entry) and the decrees of the council, team
and forum: their numbers and dates are not in public sources, so the demo reuses the invented ones of
the masterplan and cities demos, marked DEMO_MARK wherever shown. No revision of the masterplan is
recorded: none is known from public sources. The meetings are invented and say
so in their titles; so does the one attached file (a placeholder, not the MoU's text).
"""

import datetime

from django.core.files.base import ContentFile

from kotacerdas.cities.demo import COUNCIL_DECREE, DEMO_MARK, FORUM_DECREE, TEAM_DECREE
from kotacerdas.cities.models import Body
from kotacerdas.governance import services
from kotacerdas.governance.models import Attachment, Regulation
from kotacerdas.masterplan import demo as masterplan_demo

PERWALI_NUMBER = f"17 Tahun 2020 {DEMO_MARK}"  # the number of masterplan_demo.REGULATION, invented like it
DECREES = [
    (Body.Kind.COUNCIL, COUNCIL_DECREE, "Pembentukan Dewan Smart City Kota Ambon"),
    (Body.Kind.TEAM, TEAM_DECREE, "Pembentukan Tim Pelaksana Smart City Kota Ambon"),
    (Body.Kind.FORUM, FORUM_DECREE, "Pembentukan Forum Ambon Smart City"),
]
# (kind code, title, date, place, departments present (short names), stakeholders present (count of the first ones), count, minutes)
MEETINGS = [
    (
        "rapat-koordinasi-dewan",
        f"Rapat koordinasi Dewan Smart City semester I 2020 {DEMO_MARK}",
        datetime.date(2020, 2, 12),
        f"Ruang rapat Balai Kota Ambon {DEMO_MARK}",
        ["Diskominfosandi", "Bappeda-Litbang", "Dinkes", "Dishub", "Dispar"],
        1,
        None,
        "Pembahasan rencana pelaksanaan quick win tahun 2020 dan pembagian peran OPD (notulen contoh).",
    ),
    (
        "sosialisasi",
        f"Sosialisasi Masterplan Smart City kepada OPD dan kecamatan {DEMO_MARK}",
        datetime.date(2020, 9, 3),
        f"Ambon {DEMO_MARK}",
        [],
        0,
        60,
        "Paparan masterplan 2019–2024 dan tanya jawab (notulen contoh).",
    ),
    (
        "forum-csr",
        f"Forum CSR pendukung program smart city {DEMO_MARK}",
        datetime.date(2021, 11, 18),
        f"Ambon {DEMO_MARK}",
        ["Diskominfosandi", "Bappeda-Litbang"],
        4,
        None,
        "Penjajakan dukungan dunia usaha untuk Wi-Fi publik dan bank sampah (notulen contoh).",
    ),
]
MOU_PLACEHOLDER = "mou-placeholder.txt"


def seed(*, actor, city) -> None:
    if not city.regulations.exists():
        _regulations(actor, city)
    if not city.meetings.exists():
        _meetings(actor, city)
    if not Attachment.objects.filter(city=city, subject=Attachment.Subject.MOU).exists():
        # source: news of the ministry and the city, May 2019 — the MoU was signed on 16 May 2019 in Jakarta;
        # its text is not public: the file is a placeholder that says so.
        text = f"Berkas contoh {DEMO_MARK}: naskah MoU 16 Mei 2019 tidak disertakan dalam data demo.\n"
        services.attachment_upload(
            actor=actor,
            city=city,
            subject=Attachment.Subject.MOU,
            file=ContentFile(text.encode(), name=MOU_PLACEHOLDER),
            description=f"Naskah MoU dengan Kementerian Kominfo {DEMO_MARK}",
        )


def _regulations(actor, city) -> None:
    plan = city.masterplans.filter(start_year=masterplan_demo.START_YEAR).first()
    services.regulation_create(
        actor=actor,
        city=city,
        type_code="perwali",
        number=PERWALI_NUMBER,
        title="Masterplan Smart City Kota Ambon Tahun 2019–2024",
        issued_on=masterplan_demo.REGULATION_DATE,
        status=Regulation.Status.ENACTED,
        masterplan_id=plan.pk if plan else None,
    )
    for kind, number, title in DECREES:
        body = city.bodies.filter(kind=kind).first()
        services.regulation_create(
            actor=actor,
            city=city,
            type_code="keputusan",
            number=number,
            title=title,
            issued_on=body.decree_date if body else None,
            status=Regulation.Status.ENACTED,
            body_id=body.pk if body else None,
        )


def _meetings(actor, city) -> None:
    opds = {opd.short_name: opd.pk for opd in city.opds.all()}
    stakeholders = list(city.stakeholders.order_by("pk").values_list("pk", flat=True))
    council = city.bodies.filter(kind=Body.Kind.COUNCIL).first()
    for kind_code, title, held_on, place, opd_names, n_stakeholders, count, minutes in MEETINGS:
        services.meeting_create(
            actor=actor,
            city=city,
            kind_code=kind_code,
            title=title,
            held_on=held_on,
            place=place,
            body_id=council.pk if council and kind_code == "rapat-koordinasi-dewan" else None,
            opd_ids=[opds[name] for name in opd_names if name in opds],
            stakeholder_ids=stakeholders[:n_stakeholders],
            attendance_count=count,
            minutes=minutes,
        )
