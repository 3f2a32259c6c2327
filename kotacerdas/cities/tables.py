"""The city's lists as downloads (`core.tabular`): the columns of each list page."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.tabular import NUMBER, YES_NO, Column

OPD_COLUMNS = [
    Column(_("Department"), lambda o: o.name, width=45),
    Column(_("Short name"), lambda o: o.short_name, width=16),
    Column(_("Head"), lambda o: o.head_name),
    Column(_("Head's title"), lambda o: o.head_title),
    Column(_("Leading sector"), lambda o: o.is_leading_sector, YES_NO, 12),
]

STAKEHOLDER_COLUMNS = [
    Column(_("Name"), lambda s: s.name, width=45),
    Column(_("Type"), lambda s: s.type.name, width=20),
    Column(_("Contact person"), lambda s: s.contact_person),
    Column(_("E-mail"), lambda s: s.email),
    Column(_("Phone"), lambda s: s.phone, width=16),
]

MEMBER_COLUMNS = [
    Column(_("Name"), lambda m: m.name, width=30),
    Column(_("Role in the body"), lambda m: m.role, width=24),
    Column(_("Position"), lambda m: m.position, width=30),
    Column(_("Organisation"), lambda m: m.organisation, width=30),
    Column(_("Department"), lambda m: m.opd.short_name if m.opd else "", width=16),
]

SIGNATORY_COLUMNS = [
    Column(_("Kind"), lambda s: s.get_kind_display(), width=16),
    Column(_("Name"), lambda s: s.name, width=30),
    Column(_("Role"), lambda s: s.role, width=30),
    Column(_("Organisation"), lambda s: s.organisation, width=30),
    Column(_("On behalf of"), lambda s: s.on_behalf_of, width=24),
]

COHORT_COLUMNS = [
    Column(_("Cohort"), lambda c: c.label, width=30),
    Column(_("Year"), lambda c: c.year, NUMBER, 8),
    Column(_("Stage number"), lambda c: c.stage_number, NUMBER, 8),
    Column(_("Invited (published)"), lambda c: c.invited_count, NUMBER),
    Column(_("Assessed (published)"), lambda c: c.assessed_count, NUMBER),
    Column(_("Selected (published)"), lambda c: c.selected_count, NUMBER),
    Column(_("Regencies/cities recorded"), lambda c: c.n_cities, NUMBER),
    Column(_("Selection criteria"), lambda c: c.selection_criteria, width=50),
    Column(_("Source of the figures"), lambda c: c.source_note, width=50),
]
