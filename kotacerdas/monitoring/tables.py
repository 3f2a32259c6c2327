"""The monitoring overview's programme table as a download (`core.tabular`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.tabular import NUMBER, YES_NO, Column

PROGRAMME_COLUMNS = [
    Column(_("Dimension"), lambda p: p.dimension.name, width=18),
    Column(_("Element"), lambda p: p.element.name, width=24),
    Column(_("Programme"), lambda p: p.name, width=40),
    Column(_("Lead department"), lambda p: p.lead_opd.short_name if p.lead_opd else "", width=16),
    Column(_("Status"), lambda p: p.status.name, width=14),
    Column(_("Indicators"), lambda p: p.indicator_count, NUMBER, 12),
    Column(_("Targets"), lambda p: p.target_count, NUMBER, 10),
    Column(_("Targets met"), lambda p: p.met_count, NUMBER, 12),
    Column(_("Late"), lambda p: p.is_late, YES_NO, 8),
]
