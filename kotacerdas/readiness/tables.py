"""The readiness analysis as a download (`core.tabular`): SWOT items then gaps, per lens."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.tabular import Column

COLUMNS = [
    Column(_("Lens"), lambda r: r.lens.name, width=18),
    Column(_("Kind"), lambda r: r.get_category_display() if hasattr(r, "category") else _("Gap"), width=14),
    Column(_("Text"), lambda r: r.text if hasattr(r, "category") else r.description, width=60),
    Column(_("Current condition"), lambda r: getattr(r, "current_condition", ""), width=40),
    Column(_("Target condition"), lambda r: getattr(r, "target_condition", ""), width=40),
    Column(_("Programmes"), lambda r: "; ".join(p.name for p in r.programmes.all()) if hasattr(r, "programmes") else "", width=40),
]
