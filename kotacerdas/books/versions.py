"""Versions of a masterplan: the snapshot of the plan data, freezing a version, marking the legalised one, reads.

The snapshot is plain JSON (strings, integers, booleans, lists, dicts): what is stored is exactly
what `plan_snapshot` returns, so a version compares equal to the live plan it was frozen from.
Reference data (dimension, element, horizon, status, funding source, aspect, criterion, region,
stakeholder type) is stored by its stable code and named in the reader's language when shown (`books.diff`);
the city's own records (departments, stakeholders, plan items) by id with their name at the time.
Besides the plan data, `register` keeps the city's register as the books show it (departments with their
short names, stakeholders, bodies with their members, official plans with their items) and `strategies` the
strategies per dimension (with the SWOT items they answer and the programmes carrying them), so that a version's
books do not change when the register does (`books.source`).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from kotacerdas.alignment.models import PlanItem, ProgrammeLink
from kotacerdas.alignment.selectors import depth_first, plan_documents
from kotacerdas.books.error_codes import BooksError
from kotacerdas.books.models import MasterplanVersion
from kotacerdas.cities.models import BodyMember, Signatory
from kotacerdas.cities.selectors import body_list, opd_list, stakeholder_list
from kotacerdas.core import permissions
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import record_create, record_update
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.selectors import amendments_of, missions_tree
from kotacerdas.monitoring.selectors import indicators_prefetch
from kotacerdas.programmes.selectors import programme_details
from kotacerdas.readiness.selectors import readiness_by_lens, strategies

FORMAT = 1  # the snapshot's layout; a reader of older versions checks it


def year_funding(y: dict) -> list[dict]:
    """A snapshot year's funding shares; a version frozen before years had shares named one source
    (`funding_source_code`) for the whole budget."""
    if "funding" in y:
        return y["funding"]
    code = y.get("funding_source_code")
    return [{"source_code": code, "amount": y.get("budget") or 0, "stakeholder_id": None, "stakeholder_name": None}] if code else []


# --- the snapshot ---------------------------------------------------------------------------


def _number(value) -> str | None:
    """A decimal quantity (target, realisation) as text, without trailing zeros (`10`, `2.5`)."""
    if value is None:
        return None
    return format(Decimal(value).normalize(), "f")


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _indicator(i) -> dict:
    """An indicator of the plan (monitoring's record): what it measures, from where, towards which yearly targets."""
    return {
        "kind": i.kind,
        "name": i.name,
        "unit": i.unit,
        "baseline": _number(i.baseline_number) if i.baseline_number is not None else i.baseline_text,
        "baseline_year": i.baseline_year,
        "targets": {
            str(t.year): _number(t.value_number) if t.value_number is not None else t.value_text
            for t in sorted(i.targets.all(), key=lambda t: t.year)
        },
    }


def _programme(p) -> dict:
    quick_win = getattr(p, "quick_win", None)  # the sheet, if the programme has one
    return {
        "id": p.pk,
        "name": p.name,
        "description": p.description,
        "problem": p.problem,
        "dimension_code": p.dimension.code,
        "element_code": p.element.code,
        "lead_opd_id": p.lead_opd_id,
        "lead_opd_name": p.lead_opd.name if p.lead_opd else None,
        "supporting_opds": sorted(({"id": o.pk, "name": o.name} for o in p.supporting_opds.all()), key=lambda o: (o["name"], o["id"])),
        "person_in_charge": p.person_in_charge,
        "horizon_code": p.horizon.code,
        "start_year": p.start_year,
        "end_year": p.end_year,
        "status_code": p.status.code,
        "district_code": p.district_id,
        "village_code": p.village_id,
        "is_quick_win": p.is_quick_win,
        "partners": sorted(
            ({"stakeholder_id": s.stakeholder_id, "stakeholder_name": s.stakeholder.name, "role": s.role} for s in p.partners.all()),
            key=lambda s: (s["stakeholder_name"], s["role"]),
        ),
        "years": [
            {
                "year": y.year,
                "budget": int(y.budget or 0),
                "status_code": y.status.code if y.status else None,
                "funding": [
                    {
                        "source_code": f.source.code,
                        "amount": int(f.amount),
                        "stakeholder_id": f.stakeholder_id,
                        "stakeholder_name": f.stakeholder.name if f.stakeholder else None,
                    }
                    for f in y.funding.all()
                ],
            }
            for y in sorted(p.years.all(), key=lambda y: y.year)
        ],
        "steps": [
            {
                "year": st.year,
                "description": st.description,
                "milestone": st.milestone,
                "opd_id": st.opd_id,
                "opd_name": st.opd.name if st.opd else None,
            }
            for st in p.steps.all()
        ],
        "indicators": [_indicator(i) for i in p.indicators.all()],
        "quick_win": _quick_win(quick_win) if quick_win is not None else None,
        "plan_links": sorted(
            (
                {
                    "plan_item_id": link.plan_item_id,
                    "plan_kind": link.plan_item.document.kind,
                    "plan_title": link.plan_item.document.title,
                    "code": link.plan_item.code,
                    "text": link.plan_item.text,
                    "note": link.note,
                }
                for link in p.plan_links.all()
            ),
            key=lambda link: (link["plan_kind"], link["code"], link["plan_item_id"]),
        ),
    }


def _quick_win(q) -> dict:
    return {
        "stage": q.stage,
        "problem": q.problem,
        "innovation": q.innovation,
        "benefit": q.benefit,
        "partners": q.partners,
        "risks": q.risks,
        "timeline": q.timeline,
        "scores": {s.criterion.code: s.score for s in q.scores.all()},
    }


def _readiness(masterplan) -> list[dict]:
    rows = []
    for row in readiness_by_lens(masterplan):
        assessment = row["assessment"]
        if assessment is None and not row["swot"] and not row["gaps"]:
            continue
        rows.append(
            {
                "lens_code": row["lens"].code,
                "rating_value": assessment.rating.value if assessment and assessment.rating else None,
                "current_condition": assessment.current_condition if assessment else "",
                "target_condition": assessment.target_condition if assessment else "",
                "swot": [{"category": s.category, "text": s.text} for s in row["swot"]],
                "gaps": [
                    {
                        "description": g.description,
                        "current_condition": g.current_condition,
                        "target_condition": g.target_condition,
                        "programme_ids": sorted(p.pk for p in g.programmes.all()),
                    }
                    for g in row["gaps"]
                ],
            }
        )
    return rows


def _commitment(city) -> dict | None:
    commitment = (
        city.commitments.order_by("-signed_on", "-id")
        .prefetch_related(Prefetch("signatories", queryset=Signatory.objects.order_by("order", "id")))
        .first()
    )
    if commitment is None:
        return None
    return {
        "id": commitment.pk,
        "signed_on": _date(commitment.signed_on),
        "place": commitment.place,
        "text": commitment.text,
        "signatories": [
            {"kind": s.kind, "name": s.name, "role": s.role, "organisation": s.organisation, "on_behalf_of": s.on_behalf_of}
            for s in commitment.signatories.all()
        ],
    }


def _register(city) -> dict:
    """The city's register as the books show it: departments, stakeholders, bodies with members, official plans with items."""
    members = BodyMember.objects.order_by("order", "id")
    documents = list(plan_documents(city))
    items: dict[int, list] = {}
    for item in PlanItem.objects.filter(document__city=city).order_by("order", "pk"):
        items.setdefault(item.document_id, []).append(item)
    return {
        "opds": [
            {"id": o.pk, "name": o.name, "short_name": o.short_name, "head_name": o.head_name, "is_leading_sector": o.is_leading_sector}
            for o in opd_list(city)
        ],
        "stakeholders": [{"id": s.pk, "name": s.name, "type_code": s.type.code} for s in stakeholder_list(city)],
        "bodies": [
            {
                "id": b.pk,
                "kind": b.kind,
                "name": b.name,
                "decree_number": b.decree_number,
                "decree_date": _date(b.decree_date),
                "members": [
                    {"name": m.name, "role": m.role, "position": m.position, "organisation": m.organisation} for m in b.members.all()
                ],
            }
            for b in body_list(city).prefetch_related(Prefetch("members", queryset=members))
        ],
        "plan_documents": [
            {
                "id": d.pk,
                "kind": d.kind,
                "title": d.title,
                "legal_basis": d.legal_basis,
                "start_year": d.start_year,
                "end_year": d.end_year,
                "items": [
                    {
                        "id": i.pk,
                        "kind": i.kind,
                        "code": i.code,
                        "text": i.text,
                        "indicator": i.indicator,
                        "target": i.target,
                        "indicative_ceiling": None if i.indicative_ceiling is None else str(i.indicative_ceiling),
                    }
                    for i in depth_first(items.get(d.pk, []))
                ],
            }
            for d in documents
        ],
    }


def _strategies(masterplan) -> list[dict]:
    """The strategies of the masterplan per dimension, with the SWOT items they answer (as text: a version keeps
    what they said) and the programmes carrying them (by id, named from the snapshot's programmes)."""
    return [
        {
            "id": s.pk,
            "dimension_code": s.dimension.code,
            "order": s.order,
            "title": s.title,
            "text": s.text,
            "pairing": s.pairing,
            "swot": [{"lens_code": i.lens.code, "category": i.category, "text": i.text} for i in s.swot_items.all()],
            "programme_ids": [p.pk for p in s.programmes.all()],
        }
        for s in strategies(masterplan)
    ]


def snapshot_programmes(masterplan):
    """The masterplan's programmes with everything a version keeps (the programme selector plus plan links)."""
    links = ProgrammeLink.objects.select_related("plan_item__document")
    return (
        programme_details(masterplan)
        .prefetch_related(
            Prefetch("plan_links", queryset=links),
            indicators_prefetch(),
        )
        .order_by("dimension__order", "element__order", "name", "pk")
    )


def plan_snapshot(masterplan: Masterplan) -> dict:
    """The plan data of a masterplan as plain JSON, in a constant number of queries (pinned in the tests)."""
    city = masterplan.city
    return {
        "format": FORMAT,
        "masterplan": {
            "id": masterplan.pk,
            "title": masterplan.title,
            "start_year": masterplan.start_year,
            "end_year": masterplan.end_year,
            "status": masterplan.status,
            "regulation_number": masterplan.regulation_number,
            "regulation_date": _date(masterplan.regulation_date),
            "vision": masterplan.vision,
            "amendments": [{**a, "regulation_date": _date(a["regulation_date"])} for a in amendments_of(masterplan)],
        },
        "missions": [
            {
                "id": m.pk,
                "order": m.order,
                "text": m.text,
                "objectives": [
                    {
                        "id": o.pk,
                        "order": o.order,
                        "text": o.text,
                        "dimension_codes": [d.code for d in o.dimensions.all()],
                        "targets": [
                            {"id": t.pk, "indicator": t.indicator, "value": t.value, "unit": t.unit, "year": t.year}
                            for t in o.targets.all()
                        ],
                    }
                    for o in m.objectives.all()
                ],
            }
            for m in missions_tree(masterplan)
        ],
        "programmes": [_programme(p) for p in snapshot_programmes(masterplan)],
        "readiness": _readiness(masterplan),
        "commitment": _commitment(city),
        "register": _register(city),
        "strategies": _strategies(masterplan),
    }


# --- reads ----------------------------------------------------------------------------------


def versions_of(masterplan):
    """The versions of a masterplan, newest first, without their (large) snapshots."""
    return MasterplanVersion.objects.filter(masterplan=masterplan).select_related("created_by").defer("snapshot").order_by("-number")


def version_or_error(masterplan, number) -> MasterplanVersion:
    """Version `number` of the masterplan; 404 `version_not_found` (a stable code) when there is none."""
    version = None
    if isinstance(number, int) and 0 < number < 2**31:
        version = MasterplanVersion.objects.filter(masterplan=masterplan, number=number).select_related("created_by").first()
    if version is None:
        raise ServiceError(
            BooksError.VERSION_NOT_FOUND, _("The masterplan has no version %(number)s.") % {"number": str(number)[:20]}, field=None
        )
    version.masterplan = masterplan
    return version


def version_label(version: MasterplanVersion) -> str:
    return _("Version %(number)d") % {"number": version.number}


def live_label() -> str:
    return _("Live plan")


# --- writes ---------------------------------------------------------------------------------


@transaction.atomic
def version_freeze(*, actor, masterplan: Masterplan, note: str = "", legalised: bool = False) -> MasterplanVersion:
    """Freeze the plan data of the masterplan as its next version (1, 2, …), with a note such as “Draf setelah Bimtek III”."""
    city = masterplan.city
    permissions.ensure(permissions.can_manage_versions(actor, city), "versions.manage")
    # One freeze at a time per masterplan: the next number is read under the masterplan's row lock.
    Masterplan.objects.select_for_update().filter(pk=masterplan.pk).first()
    if legalised:
        _check_legalised(masterplan)
        _unmark_legalised(actor, masterplan)
    number = (MasterplanVersion.objects.filter(masterplan=masterplan).aggregate(n=Max("number"))["n"] or 0) + 1
    version = record_create(
        actor=actor,
        model=MasterplanVersion,
        city=city,
        data={
            "masterplan": masterplan,
            "number": number,
            "note": (note or "").strip(),
            "snapshot": plan_snapshot(masterplan),
            "is_legalised": bool(legalised),
            "created_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    return version


@transaction.atomic
def version_mark_legalised(*, actor, version: MasterplanVersion) -> MasterplanVersion:
    """Mark this version as the one the regulation (Perwali/Perbup) legalised (another one marked before is unmarked)."""
    masterplan = version.masterplan
    permissions.ensure(permissions.can_manage_versions(actor, masterplan.city), "versions.manage")
    _check_legalised(masterplan)
    if version.is_legalised:
        return version
    _unmark_legalised(actor, masterplan)
    return record_update(actor=actor, instance=version, data={"is_legalised": True}, city=masterplan.city)


def _check_legalised(masterplan: Masterplan) -> None:
    if masterplan.status != Masterplan.Status.LEGALISED:
        raise ServiceError(
            BooksError.MASTERPLAN_NOT_LEGALISED,
            _("“%(plan)s” is not legalised yet: record its regulation (Perwali/Perbup) first.") % {"plan": masterplan.title},
            field="legalised",
        )


def _unmark_legalised(actor, masterplan: Masterplan) -> None:
    for previous in MasterplanVersion.objects.filter(masterplan=masterplan, is_legalised=True):
        record_update(actor=actor, instance=previous, data={"is_legalised": False}, city=masterplan.city)
