"""Demo: Ambon's first masterplan, 2019–2024, legalised by Perwali, with its vision tree.

# source: city publications — the city calls its masterplan “2019–2024”.
The Perwali's number and date are not in public sources: the demo's are invented and the number says
so (DEMO_MARK) wherever it is shown; the governance demo records it in the regulation register, which the
masterplan page then shows as its entry. Vision, missions, objectives and targets are demo content.
Nothing written in 2019 calls Ambon a UNESCO City of Music (named on 31 October 2019, after the bimtek).
"""

import datetime

from kotacerdas.cities.demo import DEMO_MARK
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan

START_YEAR, END_YEAR = 2019, 2024
REGULATION = f"Peraturan Wali Kota Ambon Nomor 17 Tahun 2020 {DEMO_MARK} tentang Masterplan Smart City Kota Ambon Tahun 2019–2024"
REGULATION_DATE = datetime.date(2020, 6, 8)  # invented, like the number
INVENTED_NUMBERS = [REGULATION]

# mission → [(objective, [dimension codes], [(indicator, value, unit, year)])]
MISSIONS = [
    (
        "Mewujudkan tata kelola pemerintahan yang cerdas, transparan, dan melayani berbasis teknologi informasi",
        [
            (
                "Meningkatkan kualitas pelayanan publik yang terintegrasi melalui Ambon Satu Akses",
                ["governance"],
                [
                    ("Indeks Kepuasan Masyarakat terhadap layanan publik", "85", "indeks", 2024),
                    ("Layanan perizinan yang dapat diajukan secara daring", "100", "persen", 2023),
                ],
            ),
            (
                "Mengintegrasikan data antar-OPD dalam Satu Data Kota Ambon dan command center",
                ["governance"],
                [
                    ("OPD yang terhubung ke pusat data kota", "30", "OPD", 2024),
                    ("Indeks SPBE Kota Ambon", "3,0", "indeks", 2023),
                ],
            ),
        ],
    ),
    (
        "Membangun masyarakat Ambon yang harmonis, aman, dan melek digital",
        [
            (
                "Meningkatkan rasa aman warga melalui Call Center 112 dan CCTV kota",
                ["society"],
                [
                    ("Waktu tanggap rata-rata Call Center 112", "10", "menit", 2024),
                    ("Titik CCTV terpantau di command center", "120", "titik", 2024),
                ],
            ),
            (
                "Meningkatkan literasi digital warga dan komunitas orang basudara",
                ["society"],
                [
                    ("Warga yang mengikuti pelatihan literasi digital", "5.000", "orang", 2024),
                ],
            ),
        ],
    ),
    (
        "Mengembangkan Ambon sebagai kota musik dan destinasi wisata bahari",
        [
            (
                "Memperkuat citra Ambon sebagai kota musik di tingkat nasional dan internasional",
                ["branding"],
                [
                    ("Kunjungan wisatawan nusantara dan mancanegara", "300.000", "orang", 2024),
                    ("Festival musik berskala internasional per tahun", "3", "kegiatan", 2022),
                ],
            ),
            (
                "Menata wajah kota tepi laut yang bersih dan menarik",
                ["branding", "living"],
                [
                    ("Kawasan pesisir yang ditata", "4", "kawasan", 2024),
                ],
            ),
        ],
    ),
    (
        "Mewujudkan kota maritim yang sejahtera dengan ekonomi kreatif dan kelautan yang berdaya saing",
        [
            (
                "Mendorong UMKM dan pelaku ekonomi kreatif bertransaksi digital",
                ["economy"],
                [
                    ("UMKM yang bertransaksi secara digital", "2.000", "unit usaha", 2024),
                    ("Pasar tradisional dengan pembayaran non-tunai (QRIS)", "6", "pasar", 2023),
                ],
            ),
            (
                "Meningkatkan kesejahteraan nelayan melalui informasi harga dan cuaca laut",
                ["economy"],
                [
                    ("Nelayan terdaftar pada layanan informasi harga ikan", "1.500", "orang", 2024),
                ],
            ),
        ],
    ),
    (
        "Mewujudkan lingkungan dan permukiman yang sehat, tertata, dan berkelanjutan",
        [
            (
                "Meningkatkan layanan kesehatan berbasis digital di puskesmas",
                ["living"],
                [
                    ("Puskesmas yang memakai rekam medis elektronik", "22", "puskesmas", 2024),
                ],
            ),
            (
                "Meningkatkan kelancaran dan keselamatan transportasi kota",
                ["living"],
                [
                    ("Simpang yang dikendalikan ATCS", "15", "simpang", 2024),
                ],
            ),
            (
                "Meningkatkan cakupan pelayanan persampahan melalui bank sampah dan pengolahan sampah",
                ["environment"],
                [
                    ("Cakupan layanan persampahan", "80", "persen", 2024),
                    ("Bank sampah aktif", "50", "unit", 2023),
                ],
            ),
        ],
    ),
]


def seed(*, actor, city) -> Masterplan:
    plan = city.masterplans.filter(start_year=START_YEAR).first()
    if plan is None:
        plan = services.masterplan_create(
            actor=actor,
            city=city,
            title="Masterplan Smart City Kota Ambon",
            start_year=START_YEAR,
            end_year=END_YEAR,
            vision="Ambon yang Cerdas, Harmonis, dan Sejahtera melalui Pelayanan Publik Berbasis Teknologi Informasi",
        )
    if not plan.missions.exists():
        _tree(actor, plan)
    return plan


def legalise(*, actor, city) -> None:
    """Legalise the 2019–2024 masterplan once it is complete (vision, programmes, the cycle's commitment)."""
    plan = city.masterplans.get(start_year=START_YEAR)
    if plan.status != Masterplan.Status.LEGALISED:
        services.masterplan_legalise(actor=actor, masterplan=plan, regulation_number=REGULATION, regulation_date=REGULATION_DATE)


def _tree(actor, plan) -> None:
    for mission_text, objectives in MISSIONS:
        mission = services.mission_create(actor=actor, masterplan=plan, text=mission_text)
        for objective_text, codes, targets in objectives:
            objective = services.objective_create(actor=actor, mission=mission, text=objective_text, dimension_codes=codes)
            for indicator, value, unit, year in targets:
                services.target_create(actor=actor, objective=objective, indicator=indicator, value=value, unit=unit, year=year)
