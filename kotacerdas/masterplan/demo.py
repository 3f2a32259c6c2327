"""Demo: Ambon's first masterplan, 2019/2020–2024, legalised by Perwali."""
import datetime

from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan


def seed(*, actor, city) -> Masterplan:
    plan = city.masterplans.filter(start_year=2020).first()
    if plan is None:
        plan = services.masterplan_create(
            actor=actor, city=city, title="Masterplan Smart City Kota Ambon", start_year=2020, end_year=2024,
            vision="Ambon yang Cerdas, Harmonis, dan Sejahtera melalui Pelayanan Publik Berbasis Teknologi Informasi",
        )
    return plan
