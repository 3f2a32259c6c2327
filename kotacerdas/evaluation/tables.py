"""The national ranking as a download (`core.tabular`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.tabular import NUMBER, Column
from kotacerdas.evaluation import selectors

RANKING_COLUMNS = [
    Column(_("Rank"), lambda r: r.rank, NUMBER, 8),
    Column(_("City"), lambda r: r.city.name, width=28),
    Column(_("Province"), lambda r: r.city.region.parent.name, width=24),
    Column(_("Cohort"), lambda r: r.city.cohort.label if r.city.cohort_id else "", width=20),
    Column(_("Provincial rank"), lambda r: r.province_rank, NUMBER, 12),
    Column(_("Final index"), lambda r: selectors.two_places(r.final_index), NUMBER, 12),
    Column(_("Improvement"), selectors.improvement, NUMBER, 12),
]
