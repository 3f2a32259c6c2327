"""Buku II, the masterplan: direction, strategy and programmes per dimension and element, institutions,
action plans, the roadmap, funding, stakeholders, monitoring and evaluation."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.books import formats
from kotacerdas.books.content.common import (
    cols,
    final_target,
    funding_text,
    indicator_value,
    money,
    new_document,
    or_missing,
    outcome_indicators,
    output_targets,
    partners_of,
    plan_links_of,
    short_kind,
    years_text,
)
from kotacerdas.books.document import Document
from kotacerdas.programmes import selectors as programme_selectors
from kotacerdas.readiness.models import SwotItem

ROADMAP_ROWS_PER_FIGURE = 40


def build(source, lang: str) -> Document:
    masterplan = source.masterplan
    doc = new_document(source, "2", lang)
    city = masterplan.city
    programmes = source.programmes
    dimensions, elements = source.dimensions, source.elements
    missions = source.missions
    strategies = source.strategies()
    by_dimension: dict[int, list] = defaultdict(list)
    by_element: dict[int, list] = defaultdict(list)
    for programme in programmes:
        by_dimension[programme.dimension_id].append(programme)
        by_element[programme.element_id].append(programme)
    doc.toc(_("Table of contents"))

    # I. Development direction
    doc.heading(1, _("Development direction"))
    doc.heading(2, _("Smart-city vision"))
    if masterplan.vision.strip():
        doc.para(masterplan.vision, "quote")
    else:
        doc.missing_para(_("the smart-city vision"))
    doc.heading(2, _("Missions"))
    if missions:
        doc.bullets([m.text for m in missions], numbered=True)
    else:
        doc.missing_para(_("the missions"))
    doc.heading(2, _("Direction per dimension"))
    doc.para(
        _(
            "The masterplan of %(city)s covers %(start)s to %(end)s. It develops the six smart-city dimensions "
            "through %(n)s programmes with a planned budget of %(budget)s."
        )
        % {
            "city": city.name,
            "start": masterplan.start_year,
            "end": masterplan.end_year,
            "n": formats.number(len(programmes), lang),
            "budget": money(sum((p.budget_total for p in programmes), Decimal(0)), lang),
        }
    )
    served: dict[int, list[str]] = defaultdict(list)
    for mission in missions:
        for objective in mission.objectives.all():
            for dimension in objective.dimensions.all():
                served[dimension.pk].append(objective.text)
    rows = []
    for dimension in dimensions:
        own = by_dimension.get(dimension.pk, [])
        rows.append(
            [
                dimension.name,
                "; ".join(served.get(dimension.pk, [])) or doc.missing_text,
                formats.number(len(own), lang),
                money(sum((p.budget_total for p in own), Decimal(0)), lang),
            ]
        )
    doc.table(
        _("Objectives, programmes and budget per dimension"),
        cols((_("Dimension"), 2.2), (_("Objectives served"), 4), (_("Programmes"), 1.1, "right"), (_("Budget"), 2.2, "right")),
        rows,
    )

    # II. Strategy and programmes per dimension and element
    doc.heading(1, _("Strategy and programmes per dimension"))
    doc.para(
        _(
            "For each dimension: its strategies, each with the SWOT items it answers and the programmes that carry it, "
            "then its three elements with their programmes."
        )
    )
    for dimension in dimensions:
        doc.heading(2, dimension.name)
        description = dimension.description_en if lang == "en" and dimension.description_en else dimension.description_id
        if description:
            doc.para(description)
        doc.para(_("Strategy"), "lead")
        if strategies.get(dimension.pk):
            _strategy_table(doc, dimension, strategies[dimension.pk])
        else:
            doc.missing_para(_("the strategy of %(dimension)s") % {"dimension": dimension.name})
        for element in elements.get(dimension.pk, []):
            doc.heading(3, element.name)
            own = by_element.get(element.pk, [])
            if not own:
                doc.missing_para(_("a programme for the element %(element)s") % {"element": element.name})
                continue
            doc.table(
                _("Programmes of the element %(element)s") % {"element": element.name},
                cols(
                    ("No.", 0.65, "right"),
                    (_("Programme"), 3.6),
                    (_("Lead department"), 2.2),
                    (_("Horizon"), 1.3),
                    (_("Years"), 1.1),
                    (_("Budget"), 2, "right"),
                ),
                [
                    [
                        str(i),
                        p.name,
                        p.lead_opd.name if p.lead_opd else doc.missing_text,
                        p.horizon.name,
                        years_text(p.start_year, p.end_year),
                        money(p.budget_total, lang),
                    ]
                    for i, p in enumerate(own, 1)
                ],
            )

    # III. Institutions and regulation
    doc.heading(1, _("Institutional and regulatory plan"))
    doc.heading(2, _("Smart-city bodies"))
    bodies = source.bodies()
    if bodies:
        doc.table(
            _("Smart-city council, implementation team and forum"),
            cols((_("Body"), 2.5), (_("Name"), 3), (_("Decree (SK)"), 3), (_("Members"), 1, "right")),
            [
                [
                    body.get_kind_display(),
                    body.name,
                    " · ".join(filter(None, [body.decree_number, formats.date(body.decree_date, lang)])) or doc.missing_text,
                    formats.number(body.n_members, lang),
                ]
                for body in bodies
            ],
        )
    else:
        doc.missing_para(_("the smart-city council, implementation team and forum"))
    doc.heading(2, _("Regulation of the masterplan"))
    if masterplan.regulation_number:
        doc.para(
            _("The masterplan is set by %(regulation)s of %(date)s.")
            % {"regulation": masterplan.regulation_number, "date": formats.date(masterplan.regulation_date, lang) or doc.missing_text}
        )
        for amendment in source.amendments():
            doc.para(
                _("Revision %(n)d amended it by %(regulation)s of %(date)s.")
                % {
                    "n": amendment.number,
                    "regulation": amendment.regulation_number or doc.missing_text,
                    "date": formats.date(amendment.regulation_date, lang) or doc.missing_text,
                }
            )
    else:
        doc.missing_para(_("the regulation (Perwali/Perbup) that sets the masterplan"))

    # IV. Action plans
    doc.heading(1, _("Action plan per programme"))
    doc.para(
        _(
            "For each programme: who leads and supports it, its partners, its yearly targets and budgets, and its links to the official plans."
        )
    )
    if not programmes:
        doc.missing_para(_("the programmes of the masterplan"))
    for dimension in dimensions:
        own = by_dimension.get(dimension.pk, [])
        if not own:
            continue
        doc.heading(2, dimension.name)
        for programme in own:
            action_plan(doc, programme, lang)

    # V. Roadmap
    doc.heading(1, _("Road map"))
    doc.para(
        _(
            "Programmes laid over the years of the masterplan, coloured by horizon: short term (about year 1), medium term (years 2–5) and long term (years 6–10)."
        )
    )
    roadmap_figures(doc, source)
    horizons = source.horizons
    doc.table(
        _("Programmes per horizon"),
        cols((_("Horizon"), 3), (_("Programmes"), 1.5, "right"), (_("Budget"), 2.5, "right")),
        [
            [
                h.name,
                formats.number(sum(1 for p in programmes if p.horizon_id == h.pk), lang),
                money(sum((p.budget_total for p in programmes if p.horizon_id == h.pk), Decimal(0)), lang),
            ]
            for h in horizons
        ],
    )

    # VI. Funding
    doc.heading(1, _("Funding"))
    budget_tables(doc, source, lang)

    # VII. Stakeholders
    doc.heading(1, _("Stakeholder involvement"))
    stakeholder_table(doc, source.stakeholders(), programmes, lang)

    # VIII. Monitoring and evaluation
    doc.heading(1, _("Monitoring and evaluation"))
    doc.para(
        _(
            "The implementation team monitors every programme each year against its output targets and records the realisation "
            "and its evidence. The ministry evaluates the city every year on baseline, output, outcome, impact and quick wins."
        )
    )
    doc.heading(2, _("Outcome indicators"))
    if programmes:
        doc.table(
            _("Outcome indicators of the programmes"),
            cols(("No.", 0.65, "right"), (_("Programme"), 3.2), (_("Outcome indicator"), 3.2), (_("Baseline"), 1.5), (_("Target"), 1.5)),
            [
                [
                    str(i),
                    p.name,
                    indicator.name if indicator else doc.missing_text,
                    (indicator_value(indicator.baseline_number, indicator.baseline_text, lang) if indicator else "") or doc.missing_text,
                    (final_target(indicator, lang) if indicator else "") or doc.missing_text,
                ]
                for i, (p, indicator) in enumerate(((p, i) for p in programmes for i in (outcome_indicators(p) or [None])), 1)
            ],
            font_size=8,
        )
    else:
        doc.missing_para(_("the programmes of the masterplan"))
    return doc


def action_plan(doc: Document, programme, lang: str) -> None:
    """One programme: a sheet of who/what, its action-plan steps (rencana aksi), then its years."""
    doc.heading(3, programme.name)
    partners = [f"{p.stakeholder.name} ({p.get_role_display()})" for p in partners_of(programme)]
    links = [
        f"{short_kind(link.plan_item.document.kind)} {link.plan_item.code or ''} {link.plan_item.text}".replace("  ", " ")
        for link in plan_links_of(programme)
    ]
    what = programme.name
    outcomes = outcome_indicators(programme)
    sheet = [
        [_("Dimension / element"), f"{programme.dimension.name} / {programme.element.name}"],
        [
            _("Lead department"),
            programme.lead_opd.name if programme.lead_opd else or_missing(doc, "", _("lead department of %(p)s") % {"p": what}),
        ],
        [_("Supporting departments"), "; ".join(o.name for o in programme.supporting_opds.all()) or "–"],
        [_("Partners and their roles"), "; ".join(partners) or "–"],
        [_("Horizon and years"), f"{programme.horizon.name}, {years_text(programme.start_year, programme.end_year)}"],
        [
            _("Outcome indicator"),
            "; ".join(f"{i.name} ({i.unit})" if i.unit else i.name for i in outcomes)
            or or_missing(doc, "", _("outcome indicator of %(p)s") % {"p": what}),
        ],
        [
            _("Baseline → target"),
            "; ".join(
                f"{indicator_value(i.baseline_number, i.baseline_text, lang) or doc.missing_text} → {final_target(i, lang) or doc.missing_text}"
                for i in outcomes
            )
            or doc.missing_text,
        ],
        [_("Links to RPJMD / Renstra"), "; ".join(links) or or_missing(doc, "", _("link to the official plans of %(p)s") % {"p": what})],
    ]
    if programme.description:
        sheet.insert(1, [_("Description"), programme.description])
    doc.table(None, cols((_("Item"), 1.6), (_("Content"), 5)), sheet, key_value=True)
    steps = list(programme.steps.all())
    if steps:
        doc.table(
            None,
            cols((_("Year"), 0.8), (_("Step"), 3), (_("Milestone"), 2.5), (_("Responsible department"), 1.6)),
            [[str(s.year), s.description, s.milestone or "–", (s.opd.short_name or s.opd.name) if s.opd else "–"] for s in steps],
        )
    years = list(programme.years.all())
    if not years:
        doc.missing_para(_("yearly targets and budget of %(p)s") % {"p": what})
        return
    rows = [
        [
            str(y.year),
            output_targets(programme, y.year, lang) or doc.missing_text,
            money(y.budget, lang),
            y.status.name if y.status else "–",
            funding_text(y, lang, doc.missing_text),
        ]
        for y in years
    ]
    rows.append([_("Total"), "", money(sum((y.budget for y in years), Decimal(0)), lang), "", ""])
    doc.table(
        None,
        cols(
            (_("Year"), 0.8),
            (_("Output indicators and targets"), 3.5),
            (_("Budget"), 1.8, "right"),
            (_("Status in the year"), 1.2),
            (_("Funding"), 2.6),
        ),
        rows,
        total_rows=1,
    )


HORIZON_COLOURS = programme_selectors.HORIZON_COLOURS


def roadmap_figures(doc: Document, source) -> None:
    """The roadmap as figures of at most ROADMAP_ROWS_PER_FIGURE programmes, in dimension order."""
    masterplan, programmes = source.masterplan, source.programmes
    years = list(masterplan.years)
    if not programmes:
        doc.missing_para(_("the programmes of the masterplan"))
        return
    legend = [[h.name, HORIZON_COLOURS.get(h.code, programme_selectors.DEFAULT_COLOUR)] for h in source.horizons]
    order = {d.pk: i for i, d in enumerate(source.dimensions)}
    ordered = sorted(programmes, key=lambda p: (order.get(p.dimension_id, 0), p.start_year, p.end_year, p.name))
    count = -(-len(ordered) // ROADMAP_ROWS_PER_FIGURE)
    size = -(-len(ordered) // count)  # balanced: 41 programmes make two figures of 21 and 20
    chunks = [ordered[i : i + size] for i in range(0, len(ordered), size)]
    for n, chunk in enumerate(chunks, 1):
        rows = [
            {
                "label": p.name,
                "group": p.dimension_id,
                "start": p.start_year,
                "end": p.end_year,
                "colour": HORIZON_COLOURS.get(p.horizon.code, programme_selectors.DEFAULT_COLOUR),
            }
            for p in chunk
        ]
        caption = _("Road map of the programmes %(period)s") % {"period": formats.period(masterplan.start_year, masterplan.end_year)}
        if len(chunks) > 1:
            caption += f" ({n}/{len(chunks)})"
        doc.figure(caption, {"kind": "roadmap", "years": years, "rows": rows, "legend": legend})


def budget_tables(doc: Document, source, lang: str) -> dict:
    """Budget by dimension × year and by funding source × year, with totals, from the one budget matrix."""
    masterplan, dimensions = source.masterplan, source.dimensions
    matrix = source.budget_matrix()
    years = list(masterplan.years)
    extra = sorted({row["year"] for row in matrix} - set(years))
    years += extra
    by_dim: dict[tuple, Decimal] = defaultdict(Decimal)
    by_source: dict[tuple, Decimal] = defaultdict(Decimal)
    for row in matrix:
        by_dim[(row["dimension_id"], row["year"])] += row["total"] or 0
        by_source[(row["funding_source_id"], row["year"])] += row["total"] or 0
    grand = sum((row["total"] or 0 for row in matrix), Decimal(0))
    year_cols = [(str(y), 1.25, "right") for y in years]
    font = 7.5 if len(years) <= 5 else 6.5 if len(years) <= 7 else 5.5
    rows = []
    for dimension in dimensions:
        cells = [by_dim[(dimension.pk, y)] for y in years]
        rows.append([dimension.name, *[formats.number(c, lang) for c in cells], formats.number(sum(cells, Decimal(0)), lang)])
    totals = [sum((by_dim[(d.pk, y)] for d in dimensions), Decimal(0)) for y in years]
    rows.append([_("Total"), *[formats.number(t, lang) for t in totals], formats.number(grand, lang)])
    doc.heading(2, _("Budget per dimension and year"))
    doc.table(
        _("Budget per dimension and year (Rp)"),
        cols((_("Dimension"), 1.8), *year_cols, (_("Total"), 1.6, "right")),
        rows,
        total_rows=1,
        font_size=font,
    )
    doc.figure(
        _("Budget per dimension (Rp million)"),
        {
            "kind": "bars",
            "labels": [d.name for d in dimensions],
            "values": [float(sum((by_dim[(d.pk, y)] for y in years), Decimal(0)) / 1_000_000) for d in dimensions],
            "value_labels": [formats.number(sum((by_dim[(d.pk, y)] for y in years), Decimal(0)) / 1_000_000, lang) for d in dimensions],
            "axis": _("Rp million"),
        },
        width=0.9,
    )
    doc.heading(2, _("Budget per funding source and year"))
    sources = source.funding_sources
    used = {key[0] for key in by_source}
    rows = []
    for source in [s for s in sources if s.pk in used] + ([None] if None in used else []):
        key = source.pk if source else None
        cells = [by_source[(key, y)] for y in years]
        rows.append(
            [
                source.name if source else doc.missing_text,
                *[formats.number(c, lang) for c in cells],
                formats.number(sum(cells, Decimal(0)), lang),
            ]
        )
    rows.append([_("Total"), *[formats.number(t, lang) for t in totals], formats.number(grand, lang)])
    doc.table(
        _("Budget per funding source and year (Rp)"),
        cols((_("Funding source"), 1.8), *year_cols, (_("Total"), 1.6, "right")),
        rows,
        total_rows=1,
        font_size=font,
    )
    doc.heading(2, _("Budget per dimension, year and funding source"))
    source_names = {s.pk: s.name for s in sources}
    detail = [
        [
            next((d.name for d in dimensions if d.pk == row["dimension_id"]), ""),
            str(row["year"]),
            source_names.get(row["funding_source_id"], doc.missing_text),
            formats.number(row["total"] or 0, lang),
        ]
        for row in matrix
    ]
    detail.append([_("Total"), "", "", formats.number(grand, lang)])
    doc.table(
        _("Budget per dimension, year and funding source (Rp)"),
        cols((_("Dimension"), 2.5), (_("Year"), 0.8), (_("Funding source"), 2.5), (_("Budget"), 1.8, "right")),
        detail,
        total_rows=1,
        font_size=8,
    )
    return {"grand": grand, "by_dimension": by_dim, "years": years}


def stakeholder_table(doc: Document, stakeholders: list, programmes: list, lang: str) -> None:
    roles: dict[int, list[str]] = defaultdict(list)
    for programme in programmes:
        for partner in partners_of(programme):
            roles[partner.stakeholder_id].append(f"{programme.name} ({partner.get_role_display()})")
    doc.para(
        _(
            "The pentahelix (government, academia, business, community, media) with the police and army take part in the programmes as funders, implementers and supporters."
        )
    )
    if not stakeholders:
        doc.missing_para(_("the stakeholders of the city"))
        return
    doc.table(
        _("Stakeholders and their roles in the programmes"),
        cols(("No.", 0.65, "right"), (_("Stakeholder"), 2.6), (_("Type"), 1.6), (_("Programmes (role)"), 5)),
        [[str(i), s.name, s.type.name, "; ".join(roles.get(s.pk, [])) or "–"] for i, s in enumerate(stakeholders, 1)],
        font_size=8,
    )


def _strategy_table(doc: Document, dimension, strategies: list) -> None:
    """The strategies of a dimension: what each says, its TOWS pairing, the SWOT items it answers, the programmes carrying it."""
    categories = dict(SwotItem.Category.choices)
    doc.table(
        _("Strategies of the dimension %(dimension)s") % {"dimension": dimension.name},
        cols(
            ("No.", 0.65, "right"),
            (_("Strategy"), 3.6),
            ("TOWS", 0.9),
            (_("SWOT items it answers"), 3.4),
            (_("Programmes carrying it"), 2.3),
        ),
        [
            [
                str(i),
                f"{s.title}: {s.text}" if s.text else s.title,
                s.pairing or "–",
                "; ".join(f"{categories.get(item.category, item.category)} ({item.lens.name}): {item.text}" for item in s.swot_items.all())
                or "–",
                "; ".join(p.name for p in s.programmes.all()) or "–",
            ]
            for i, s in enumerate(strategies, start=1)
        ],
    )
