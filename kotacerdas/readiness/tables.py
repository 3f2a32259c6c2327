"""Downloads (`core.tabular`): the readiness analysis (SWOT items then gaps, per lens) and the strategies per dimension."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.tabular import NUMBER, Column
from kotacerdas.readiness.selectors import provenance

COLUMNS = [
    Column(_("Lens"), lambda r: r.lens.name, width=18),
    Column(_("Kind"), lambda r: r.get_category_display() if hasattr(r, "category") else _("Gap"), width=14),
    Column(_("Text"), lambda r: r.text if hasattr(r, "category") else r.description, width=60),
    Column(_("Current condition"), lambda r: getattr(r, "current_condition", ""), width=40),
    Column(_("Target condition"), lambda r: getattr(r, "target_condition", ""), width=40),
    Column(_("Programmes"), lambda r: "; ".join(p.name for p in r.programmes.all()) if hasattr(r, "programmes") else "", width=40),
]

STRATEGY_COLUMNS = [
    Column(_("Dimension"), lambda s: s.dimension.name, width=18),
    Column(_("Order"), lambda s: s.order, kind=NUMBER, width=7),
    Column(_("Strategy"), lambda s: s.title, width=45),
    Column(_("Description"), lambda s: s.text, width=60),
    Column(_("TOWS pairing"), lambda s: s.pairing, width=8),
    Column(
        _("SWOT items it answers"),
        lambda s: "; ".join(f"{i.lens.name} · {i.get_category_display()}: {i.text}" for i in s.swot_items.all()),
        width=60,
    ),
    Column(_("Programmes carrying it"), lambda s: "; ".join(p.name for p in s.programmes.all()), width=45),
    Column(_("Proposed in"), lambda s: provenance(s.origin), width=25),
]
