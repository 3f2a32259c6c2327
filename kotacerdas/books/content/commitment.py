"""The commitment sheet (lembar komitmen): the text of the commitment and the signatories' table,
ready for wet signatures."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kotacerdas.books import formats
from kotacerdas.books.content.common import cols, new_document
from kotacerdas.books.document import Document


def build(source, lang: str) -> Document:
    masterplan = source.masterplan
    doc = new_document(source, "commitment", lang)
    doc.numbered = False
    doc.cover = False
    city = masterplan.city
    commitment = source.commitment()
    doc.heading(1, _("Commitment to the smart-city masterplan of %(city)s") % {"city": city.name})
    if commitment is None:
        doc.missing_para(_("the commitment and its signatories"))
        return doc
    doc.para(commitment.text)
    doc.para(
        _("Signed at %(place)s on %(date)s.")
        % {"place": commitment.place or doc.missing_text, "date": formats.date(commitment.signed_on, lang)}
    )
    signatories = list(commitment.signatories.all())
    if not signatories:
        doc.missing_para(_("the signatories"))
        return doc
    doc.table(
        _("Signatories"),
        cols(("No.", 0.65, "right"), (_("Name"), 2.6), (_("Position and organisation"), 3.6), (_("Signature"), 2.2)),
        [
            [
                str(i),
                s.name,
                "\n".join(
                    filter(None, [s.role, s.organisation, _("on behalf of %(who)s") % {"who": s.on_behalf_of} if s.on_behalf_of else ""])
                ),
                f"{i}. ……………………",
            ]
            for i, s in enumerate(signatories, 1)
        ],
        row_height=1.6,
        font_size=9,
    )
    return doc
