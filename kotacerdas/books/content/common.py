"""What every book shares: its title page, running header, words, and small helpers for content."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kotacerdas.alignment.models import PlanDocument
from kotacerdas.books import formats
from kotacerdas.books.document import Column, Document, TitlePage
from kotacerdas.books.versions import version_label


def book_titles() -> dict[str, tuple[str, str]]:
    """Book key → (kind line, title), in the active language."""
    return {
        "1": (_("BOOK I"), _("Strategic Analysis")),
        "2": (_("BOOK II"), _("Masterplan")),
        "3": (_("BOOK III"), _("Quick Win")),
        "4": (_("BOOK IV"), _("Road Map")),
        "commitment": ("", _("Commitment Sheet")),
        "presentation": ("", _("Masterplan Presentation")),
    }


def new_document(source, book: str, lang: str) -> Document:
    """A new book of the plan `source` reads (`books.source`): its title page names the version and the day it was
    frozen, or the live plan and today."""
    masterplan = source.masterplan
    city = masterplan.city
    kind, title = book_titles()[book]
    period = formats.period(masterplan.start_year, masterplan.end_year)
    if source.version is not None:
        label = version_label(source.version)
        if source.version.is_legalised:
            label = _("%(version)s, legalised") % {"version": label}
    else:
        label = _("Working draft from the live plan (%(status)s)") % {"status": masterplan.get_status_display()}
    province = city.region.parent.name if city.region.parent_id else ""
    lines = [_("Province %(name)s") % {"name": province}] if province else []
    document = Document(
        lang=lang,
        title_page=TitlePage(
            kind=kind,
            title=title,
            city=city.name,
            period=period,
            masterplan_title=_("Smart City Masterplan %(city)s %(period)s") % {"city": city.name, "period": period},
            version_label=label,
            date_text=formats.date(source.day, lang),
            emblem_text=_("Regional emblem"),
            lines=lines,
        ),
        header_text=" · ".join(
            filter(
                None, [f"{kind} {title}".strip(), _("Smart City Masterplan %(city)s %(period)s") % {"city": city.name, "period": period}]
            )
        ),
        footer_text=label,
        page_label=_("Page"),
        table_word=_("Table"),
        figure_word=_("Figure"),
        chapter_word=_("CHAPTER"),
        missing_text=_("Not filled in"),
    )
    return document


def or_missing(document: Document, value: str, what: str) -> str:
    """The value, or “Belum diisi” (and `what` noted as missing)."""
    if value and str(value).strip():
        return str(value)
    document.missing.append(what)
    return document.missing_text


def cols(*spec) -> list[Column]:
    """cols(("No.", 0.4, "right"), ("Name", 3)) → columns."""
    return [Column(*item) if isinstance(item, tuple) else Column(item) for item in spec]


def money(value, lang: str) -> str:
    return formats.rupiah(value, lang)


def funding_text(year, lang: str, missing: str) -> str:
    """A programme year's funding shares: “APBD Rp 300.000.000; CSR (PT Telkom …) Rp 200.000.000”; `missing` without shares."""
    shares = [f"{f.source.name}{f' ({f.stakeholder.name})' if f.stakeholder else ''} {money(f.amount, lang)}" for f in year.funding.all()]
    return "; ".join(shares) or missing


def years_text(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def indicator_value(number, text: str, lang: str) -> str:
    """A baseline, target or realised value of an indicator: the number in the language's format, or its text."""
    return formats.plain(number, lang) if number is not None else text


def outcome_indicators(programme) -> list:
    """The programme's outcome indicators (prefetched with `monitoring.selectors.indicators_prefetch`)."""
    return [i for i in programme.indicators.all() if i.kind == "outcome"]


def final_target(indicator, lang: str) -> str:
    """The indicator's target of its last planned year ("" without targets)."""
    targets = sorted(indicator.targets.all(), key=lambda t: t.year)
    return indicator_value(targets[-1].value_number, targets[-1].value_text, lang) if targets else ""


def output_targets(programme, year: int, lang: str) -> str:
    """The programme's output indicators with their targets for one year: "name: 12 unit; …" ("" when none)."""
    parts = []
    for indicator in programme.indicators.all():
        if indicator.kind != "output":
            continue
        target = next((t for t in indicator.targets.all() if t.year == year), None)
        value = indicator_value(target.value_number, target.value_text, lang) if target else ""
        parts.append(" ".join(filter(None, [f"{indicator.name}:" if value else indicator.name, value, indicator.unit if value else ""])))
    return "; ".join(parts)


ROLE_ORDER = {role: i for i, role in enumerate(("funder", "implementer", "supporter"))}
PLAN_ORDER = {kind: i for i, kind in enumerate(PlanDocument.Kind.values)}  # national, long-term … yearly


def partners_of(programme) -> list:
    """The programme's partners, funders first, then implementers and supporters, each by name (the same order
    from the live plan and from a version)."""
    return sorted(programme.partners.all(), key=lambda p: (ROLE_ORDER.get(p.role, 9), p.stakeholder.name))


def short_kind(kind: str) -> str:
    """A kind of official plan by its short name: "RPJMD (5-year regional plan)" → "RPJMD"."""
    return str(dict(PlanDocument.Kind.choices).get(kind, kind)).split(" (")[0]


def plan_links_of(programme) -> list:
    """The programme's links to the official plans, from the long-term plan down to the yearly ones, by code."""
    return sorted(
        programme.plan_links.all(),
        key=lambda link: (PLAN_ORDER.get(link.plan_item.document.kind, 9), link.plan_item.code or "", link.plan_item.text),
    )
