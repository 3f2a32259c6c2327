"""Buku I, the strategic analysis: introduction and legal basis, policy alignment, regional profile,
readiness per lens with SWOT, gap analysis, vision → missions → objectives → targets."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from kotacerdas.alignment.models import NATIONAL_KINDS, PlanDocument, PlanItem
from kotacerdas.books import formats
from kotacerdas.books.content.common import cols, new_document, short_kind
from kotacerdas.books.document import Document
from kotacerdas.regions import selectors as region_selectors


def build(source, lang: str) -> Document:
    masterplan = source.masterplan
    doc = new_document(source, "1", lang)
    city = masterplan.city
    documents = source.plan_documents()
    doc.toc(_("Table of contents"))

    # I. Introduction and legal basis
    doc.heading(1, _("Introduction"))
    doc.heading(2, _("Background"))
    doc.para(
        _(
            "%(city)s takes part in the Movement toward 100 Smart Cities led by the Ministry of Communication and Digital "
            "Affairs. This book analyses the readiness of the region and sets the smart-city vision on which the masterplan "
            "%(period)s is built."
        )
        % {"city": city.name, "period": formats.period(masterplan.start_year, masterplan.end_year)}
    )
    if cohort := source.cohort():
        doc.para(_("%(city)s was selected in %(cohort)s.") % {"city": city.name, "cohort": cohort.label})
    doc.heading(2, _("Legal basis"))
    rows = []
    if city.mou_number or city.mou_date:
        rows.append(
            [
                _("Memorandum of understanding with the ministry"),
                city.mou_number or doc.missing_text,
                formats.date(city.mou_date, lang) or doc.missing_text,
            ]
        )
    else:
        doc.missing.append(_("the memorandum of understanding (MoU)"))
    for body in source.bodies():
        rows.append(
            [
                _("Decree on %(body)s") % {"body": body.name},
                body.decree_number or doc.missing_text,
                formats.date(body.decree_date, lang) or doc.missing_text,
            ]
        )
    for plan in documents:
        if plan.legal_basis:
            rows.append([plan.legal_basis, plan.title, formats.period(plan.start_year, plan.end_year)])
    if masterplan.regulation_number:
        rows.append([_("Regulation setting the masterplan"), masterplan.regulation_number, formats.date(masterplan.regulation_date, lang)])
    for amendment in source.amendments():
        rows.append(
            [
                _("Regulation amending the masterplan (revision %(n)d)") % {"n": amendment.number},
                amendment.regulation_number or doc.missing_text,
                formats.date(amendment.regulation_date, lang) or doc.missing_text,
            ]
        )
    if rows:
        doc.table(
            _("Legal basis"),
            cols(("No.", 0.65, "right"), (_("Instrument"), 4), (_("Number / title"), 3.5), (_("Date / period"), 1.8)),
            [[str(i), *r] for i, r in enumerate(rows, 1)],
        )
    if not (city.mou_number or city.mou_date):
        doc.missing_para(_("the memorandum of understanding (MoU)"))

    # II. Policy alignment
    doc.heading(1, _("Policy alignment"))
    if documents:
        doc.para(_("The masterplan is aligned with the national plan and with the region's own plans:"))
        doc.table(
            _("National and regional plans"),
            cols(("No.", 0.65, "right"), (_("Plan"), 4.6), (_("Kind"), 2.6), (_("Period"), 1.6)),
            [
                [str(i), d.title, short_kind(d.kind), formats.period(d.start_year, d.end_year)]
                for i, d in enumerate(_national_first(documents), 1)
            ],
            font_size=9,
        )
    medium = medium_term_plan(documents, masterplan)
    kind = short_kind(medium.kind) if medium else "RPJMD"
    doc.para(
        _("The smart-city vision and missions are set against the vision and missions of the regional medium-term plan (%(kind)s).")
        % {"kind": kind}
    )
    missions = source.missions
    if medium is None:
        doc.missing_para(_("the regional medium-term plan (RPJMD)"))
        items = []
    else:
        items = source.plan_items(medium)
    plan_vision = [i.text for i in items if i.kind == PlanItem.Kind.VISION]
    plan_missions = [i.text for i in items if i.kind == PlanItem.Kind.MISSION]
    smart_missions = [m.text for m in missions]
    rows = [[_("Vision"), "\n".join(plan_vision) or doc.missing_text, masterplan.vision or doc.missing_text]]
    for n in range(max(len(plan_missions), len(smart_missions), 1)):
        rows.append(
            [
                _("Mission %(n)s") % {"n": n + 1},
                plan_missions[n] if n < len(plan_missions) else "–",
                smart_missions[n] if n < len(smart_missions) else "–",
            ]
        )
    doc.table(
        _("%(kind)s and the smart-city vision and missions") % {"kind": kind},
        cols(("", 1.2), (medium.title if medium else "RPJMD", 4), (_("Smart-city masterplan"), 4)),
        rows,
    )
    stated = [i for i in items if i.kind == PlanItem.Kind.PROGRAMME and (i.indicator or i.target or i.indicative_ceiling is not None)]
    if stated:
        doc.table(
            _("Programmes of the %(kind)s: indicator, target and indicative ceiling") % {"kind": kind},
            cols(
                (_("Code"), 1.3),
                (_("Programme"), 3.4),
                (_("Indicator"), 2.6),
                (_("Target"), 1.3),
                (_("Indicative ceiling"), 1.9, "right"),
            ),
            [
                [
                    i.code or "–",
                    i.text,
                    i.indicator or "–",
                    i.target or "–",
                    formats.rupiah(i.indicative_ceiling, lang) if i.indicative_ceiling is not None else "–",
                ]
                for i in stated
            ],
            font_size=8.5,
        )

    # III. Regional profile
    doc.heading(1, _("Regional profile"))
    doc.heading(2, _("Region"))
    province = city.region.parent.name if city.region.parent_id else ""
    districts = list(region_selectors.regions(level="district", parent_code=city.code))
    villages = Counter(
        code.rsplit(".", 1)[0] for code in region_selectors.regions(level="village", parent_code=city.code).values_list("code", flat=True)
    )
    doc.para(
        _("%(city)s (region code %(code)s) lies in the province of %(province)s and has %(n)s districts.")
        % {"city": city.name, "code": city.code, "province": province or doc.missing_text, "n": formats.number(len(districts), lang)}
    )
    if districts:
        doc.table(
            _("Districts"),
            cols(("No.", 0.65, "right"), (_("Code"), 1.5), (_("District"), 4), (_("Villages"), 1.2, "right")),
            [[str(i), d.code, d.name, formats.number(villages.get(d.code, 0), lang)] for i, d in enumerate(districts, 1)],
        )
    doc.heading(2, _("Regional departments (OPD)"))
    opds = source.opds()
    if opds:
        doc.table(
            _("Regional departments"),
            cols(("No.", 0.65, "right"), (_("Department"), 4.5), (_("Short name"), 1.5), (_("Head"), 2.5)),
            [
                [
                    str(i),
                    o.name + (f" ({_('leading sector')})" if o.is_leading_sector else ""),
                    o.short_name,
                    o.head_name or doc.missing_text,
                ]
                for i, o in enumerate(opds, 1)
            ],
            font_size=8.5,
        )
    else:
        doc.missing_para(_("the regional departments (OPD)"))
    doc.heading(2, _("Stakeholders"))
    stakeholders = source.stakeholders()
    if stakeholders:
        doc.table(
            _("Stakeholders"),
            cols(("No.", 0.65, "right"), (_("Stakeholder"), 4.5), (_("Type"), 2.5)),
            [[str(i), s.name, s.type.name] for i, s in enumerate(stakeholders, 1)],
            font_size=8.5,
        )
    else:
        doc.missing_para(_("the stakeholders of the city"))

    # IV. Readiness
    doc.heading(1, _("Readiness analysis"))
    doc.para(_("Readiness is analysed per aspect with a SWOT analysis: strengths, weaknesses, opportunities and threats."))
    rows = source.readiness()
    for row in rows:
        lens = row["lens"]
        doc.heading(2, lens.name)
        assessment = row["assessment"]
        if assessment is None:
            doc.missing_para(_("the assessment of the aspect %(lens)s") % {"lens": lens.name})
        else:
            doc.table(
                None,
                cols((_("Item"), 1.6), (_("Content"), 5)),
                [
                    [_("Rating"), str(assessment.rating) if assessment.rating else doc.missing_text],
                    [_("Current condition"), assessment.current_condition or doc.missing_text],
                    [_("Target condition"), assessment.target_condition or doc.missing_text],
                ],
                key_value=True,
            )
        if not row["swot"]:
            doc.missing_para(_("the SWOT analysis of the aspect %(lens)s") % {"lens": lens.name})
            continue
        quads = {q["code"]: q for q in row["quadrants"]}

        def cell(code, quads=quads):
            return "\n".join(f"• {item.text}" for item in quads[code]["items"]) or "–"

        doc.table(
            _("SWOT of the aspect %(lens)s") % {"lens": lens.name},
            cols((quads["S"]["label"], 1), (quads["W"]["label"], 1)),
            [[cell("S"), cell("W")], [quads["O"]["label"], quads["T"]["label"]], [cell("O"), cell("T")]],
            total_rows=0,
            group_rows={1},
        )

    # V. Gaps
    doc.heading(1, _("Gap analysis"))
    gaps = [gap for row in rows for gap in row["gaps"]]
    if gaps:
        doc.table(
            _("Gaps between the current and the target condition"),
            cols(
                ("No.", 0.65, "right"),
                (_("Aspect"), 1.4),
                (_("Gap"), 2.8),
                (_("Current condition"), 2.2),
                (_("Target condition"), 2.2),
                (_("Programmes"), 2.2),
            ),
            [
                [
                    str(i),
                    gap.lens.name,
                    gap.description,
                    gap.current_condition or "–",
                    gap.target_condition or "–",
                    "; ".join(p.name for p in gap.programmes.all()) or doc.missing_text,
                ]
                for i, gap in enumerate(gaps, 1)
            ],
            font_size=8,
        )
    else:
        doc.missing_para(_("the gap analysis"))

    # VI. Vision
    doc.heading(1, _("Vision, missions, objectives and targets"))
    doc.heading(2, _("Smart-city vision"))
    if masterplan.vision.strip():
        doc.para(masterplan.vision, "quote")
    else:
        doc.missing_para(_("the smart-city vision"))
    doc.heading(2, _("Missions, objectives and targets"))
    if not missions:
        doc.missing_para(_("the missions"))
    for n, mission in enumerate(missions, 1):
        doc.para(_("Mission %(n)s: %(text)s") % {"n": n, "text": mission.text}, "lead")
        objectives = list(mission.objectives.all())
        if not objectives:
            doc.missing_para(_("the objectives of mission %(n)s") % {"n": n})
            continue
        table_rows = []
        for m, objective in enumerate(objectives, 1):
            targets = list(objective.targets.all())
            dims = ", ".join(d.name for d in objective.dimensions.all())
            label = f"{n}.{m} {objective.text}" + (f"\n({dims})" if dims else "")
            if not targets:
                table_rows.append([label, doc.missing_text, "", ""])
            for k, target in enumerate(targets):
                table_rows.append(
                    [label if k == 0 else "", target.indicator, f"{target.value} {target.unit}".strip(), str(target.year or "–")]
                )
        doc.table(
            _("Objectives and targets of mission %(n)s") % {"n": n},
            cols((_("Objective"), 3.5), (_("Indicator"), 3), (_("Target"), 1.4), (_("Year"), 0.8)),
            table_rows,
            font_size=8.5,
        )
    return doc


def medium_term_plan(documents, masterplan):
    """The plan the smart-city vision is set against: an RPJMD of the masterplan's period, else the transition RPD
    of its period (Inmendagri 70/2021: the years without an RPJMD), else the newest RPJMD; None without any."""
    overlapping = [d for d in documents if d.start_year <= masterplan.end_year and d.end_year >= masterplan.start_year]
    for kind, pool in ((PlanDocument.Kind.RPJMD, overlapping), (PlanDocument.Kind.RPD, overlapping), (PlanDocument.Kind.RPJMD, documents)):
        found = next((d for d in pool if d.kind == kind), None)
        if found is not None:
            return found
    return None


def _national_first(documents) -> list:
    """The plans as the alignment chapter lists them: the national plan first, then the region's, newest first."""
    return sorted(documents, key=lambda d: (d.kind not in NATIONAL_KINDS, -d.start_year))
