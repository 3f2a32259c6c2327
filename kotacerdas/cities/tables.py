"""The city's lists as downloads (`core.tabular`): the columns of each list page."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.tabular import YES_NO, Column

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
