"""A readable diff between two snapshots of a masterplan (two versions, or a version and the live plan).

Everything is said in words, in the active language: field labels (not field names), choices by
their label, references by name, money as `Rp 1.250.000.000`. Programmes are matched by id, then
by name (a programme deleted and re-created under the same name is “changed”, not removed and added).
The same structure feeds the page, the API and the spreadsheet report (`report_xlsx`).
"""

from __future__ import annotations

import io
from collections import defaultdict

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from kotacerdas.books.versions import year_funding
from kotacerdas.cities.models import Signatory
from kotacerdas.framework.models import (
    Dimension,
    Element,
    FundingSource,
    Horizon,
    ProgrammeStatus,
    QuickWinCriterion,
    ReadinessLens,
    ReadinessRating,
)
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.programmes.models import Programme, ProgrammeFunding, ProgrammeStakeholder, ProgrammeYear, QuickWin
from kotacerdas.readiness.models import LensAssessment, Strategy, SwotItem
from kotacerdas.regions.models import Region

NOTHING = "—"

# The programme fields compared one by one, in the order of the programme page.
PROGRAMME_FIELDS = [
    ("name", "text"),
    ("description", "text"),
    ("problem", "text"),
    ("dimension_code", "dimension"),
    ("element_code", "element"),
    ("lead_opd_name", "text"),
    ("person_in_charge", "text"),
    ("horizon_code", "horizon"),
    ("start_year", "year"),
    ("end_year", "year"),
    ("status_code", "status"),
    ("district_code", "region"),
    ("village_code", "region"),
]  # is_quick_win: in the quick-wins section
MODEL_FIELD = {
    "dimension_code": "dimension",
    "element_code": "element",
    "lead_opd_name": "lead_opd",
    "horizon_code": "horizon",
    "status_code": "status",
    "district_code": "district",
    "village_code": "village",
}
YEAR_FIELDS = [
    ("budget", "money"),
    ("status_code", "status"),
]
SHEET_FIELDS = ["stage", "problem", "innovation", "benefit", "partners", "timeline", "risks"]
MASTERPLAN_FIELDS = [
    ("title", "text"),
    ("start_year", "year"),
    ("end_year", "year"),
    ("status", "mp_status"),
    ("regulation_number", "text"),
    ("regulation_date", "date"),
    ("vision", "text"),
]


def rupiah(value) -> str:
    """`Rp 1.250.000.000` (Indonesian grouping; English: `Rp 1,250,000,000`)."""
    return f"Rp {number_format(int(value or 0), 0, force_grouping=True)}"


class References:
    """Names of the reference data a snapshot names by code, in the active language (one query per table)."""

    def __init__(self, *snapshots):
        self.dimensions = {d.code: d.name for d in Dimension.objects.all()}
        self.elements = {e.code: e.name for e in Element.objects.all()}
        self.horizons = {h.code: h.name for h in Horizon.objects.all()}
        self.statuses = {s.code: s.name for s in ProgrammeStatus.objects.all()}
        self.funding = {f.code: f.name for f in FundingSource.objects.all()}
        self.criteria = {c.code: c.name for c in QuickWinCriterion.objects.all()}
        self.lenses = {lens.code: lens.name for lens in ReadinessLens.objects.all()}
        self.ratings = {r.value: str(r) for r in ReadinessRating.objects.all()}
        codes = {p.get(k) for s in snapshots if s for p in s.get("programmes", []) for k in ("district_code", "village_code")} - {None}
        self.regions = dict(Region.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}

    def say(self, kind: str, value) -> str:
        """A snapshot value in words."""
        if value is None or value == "" or value == []:
            return NOTHING
        if kind == "money":
            return rupiah(value)
        if kind == "bool":
            return _("yes") if value else _("no")
        if kind == "date":
            from datetime import date

            from django.utils.formats import date_format

            return date_format(date.fromisoformat(value), "j F Y")
        lookup = {
            "dimension": self.dimensions,
            "element": self.elements,
            "horizon": self.horizons,
            "status": self.statuses,
            "funding": self.funding,
            "region": self.regions,
            "criterion": self.criteria,
            "lens": self.lenses,
            "rating": self.ratings,
            "mp_status": dict(Masterplan.Status.choices),
            "stage": dict(QuickWin.Stage.choices),
            "role": dict(ProgrammeStakeholder.Role.choices),
            "swot": dict(SwotItem.Category.choices),
            "pairing": dict(Strategy.Pairing.choices),
            "signatory": dict(Signatory.Kind.choices),
        }.get(kind)
        if lookup is not None:
            return str(lookup.get(value, value))
        return str(value)


def _label(model, field: str) -> str:
    return capfirst(str(model._meta.get_field(field).verbose_name))


def _change(label: str, before: str, after: str) -> dict:
    return {"label": label, "before": before, "after": after}


def _match(before: list[dict], after: list[dict], key: str, *, id_key: str = "id"):
    """Pairs of the same record in both lists (by id, then by `key` ignoring case), those only before, those only after."""
    after_by_id = {a.get(id_key): a for a in after if a.get(id_key) is not None}
    pairs, removed, used = [], [], set()
    unmatched = []
    for b in before:
        a = after_by_id.get(b.get(id_key)) if b.get(id_key) is not None else None
        if a is not None and id(a) not in used:
            pairs.append((b, a))
            used.add(id(a))
        else:
            unmatched.append(b)
    after_by_key = defaultdict(list)
    for a in after:
        if id(a) not in used:
            after_by_key[str(a.get(key, "")).strip().lower()].append(a)
    for b in unmatched:
        candidates = after_by_key.get(str(b.get(key, "")).strip().lower())
        if candidates:
            a = candidates.pop(0)
            pairs.append((b, a))
            used.add(id(a))
        else:
            removed.append(b)
    added = [a for a in after if id(a) not in used]
    return pairs, removed, added


# --- programmes -----------------------------------------------------------------------------


def _budget(p: dict) -> int:
    return sum(int(y.get("budget") or 0) for y in p.get("years", []))


def _partner(ref: References, s: dict) -> str:
    return f"{s['stakeholder_name']} ({ref.say('role', s['role'])})"


def _link(link: dict) -> str:
    return " ".join(filter(None, [link.get("code"), link.get("text")])) + f" ({link.get('plan_title')})"


def _set_change(label: str, before: list[str], after: list[str]) -> dict | None:
    """A change of a set (partners, departments, links) as what left → what joined."""
    removed, added = _list_diff(before, after)
    if not removed and not added:
        return None
    return _change(label, "; ".join(removed) or NOTHING, "; ".join(added) or NOTHING)


def _programme_changes(ref: References, b: dict, a: dict) -> list[dict]:
    changes = []
    for field, kind in PROGRAMME_FIELDS:
        if b.get(field) != a.get(field):
            changes.append(
                _change(_label(Programme, MODEL_FIELD.get(field, field)), ref.say(kind, b.get(field)), ref.say(kind, a.get(field)))
            )
    for label, before, after in (
        (
            _label(Programme, "supporting_opds"),
            [o["name"] for o in b.get("supporting_opds", [])],
            [o["name"] for o in a.get("supporting_opds", [])],
        ),
        (_("Partners"), [_partner(ref, s) for s in b.get("partners", [])], [_partner(ref, s) for s in a.get("partners", [])]),
        (_("Action plan"), [_step(s) for s in b.get("steps", [])], [_step(s) for s in a.get("steps", [])]),
        (_("Links to official plans"), [_link(x) for x in b.get("plan_links", [])], [_link(x) for x in a.get("plan_links", [])]),
        (_("Indicators"), [_indicator(x) for x in b.get("indicators", [])], [_indicator(x) for x in a.get("indicators", [])]),
    ):
        change = _set_change(label, before, after)
        if change:
            changes.append(change)
    changes += _year_changes(ref, b.get("years", []), a.get("years", []))
    changes += _sheet_changes(ref, b.get("quick_win"), a.get("quick_win"))
    return changes


def _step(s: dict) -> str:
    """An action-plan step in words: its year, the step and its milestone."""
    return f"{s['year']}: {s['description']}" + (f" ({s['milestone']})" if s.get("milestone") else "")


def _indicator(i: dict) -> str:
    """An indicator in words: its name and unit, baseline and yearly targets (any change shows as left → joined)."""
    unit = f" ({i['unit']})" if i.get("unit") else ""
    baseline = f"{i['baseline']} ({i['baseline_year']})" if i.get("baseline_year") else (i.get("baseline") or NOTHING)
    targets = ", ".join(f"{year}: {value}" for year, value in i.get("targets", {}).items()) or NOTHING
    return _("%(name)s%(unit)s: baseline %(baseline)s; targets %(targets)s") % {
        "name": i["name"],
        "unit": unit,
        "baseline": baseline,
        "targets": targets,
    }


def _year_summary(ref: References, y: dict) -> str:
    parts = [rupiah(y.get("budget"))]
    if y.get("status_code"):
        parts.append(ref.say("status", y["status_code"]))
    if year_funding(y):
        parts.append(f"({_funding_summary(ref, y)})")
    return " ".join(parts)


def _shares(y: dict) -> list[tuple]:
    return sorted((f["source_code"], f.get("stakeholder_id") or 0, int(f["amount"])) for f in year_funding(y))


def _funding_summary(ref: References, y: dict) -> str:
    """A year's funding shares in words: “APBD Rp 300.000.000; CSR (PT Telkom …) Rp 200.000.000”."""
    shares = []
    for f in year_funding(y):
        source = ref.say("funding", f["source_code"])
        who = f" ({f['stakeholder_name']})" if f.get("stakeholder_name") else ""
        shares.append(f"{source}{who} {rupiah(f['amount'])}")
    return "; ".join(shares) or NOTHING


def _year_changes(ref: References, before: list[dict], after: list[dict]) -> list[dict]:
    b_years, a_years = {y["year"]: y for y in before}, {y["year"]: y for y in after}
    changes = []
    for year in sorted(b_years.keys() | a_years.keys()):
        b, a = b_years.get(year), a_years.get(year)
        if b is None or a is None:
            changes.append(
                _change(
                    _("Year %(year)s") % {"year": year}, _year_summary(ref, b) if b else NOTHING, _year_summary(ref, a) if a else NOTHING
                )
            )
            continue
        for field, kind in YEAR_FIELDS:
            if b.get(field) != a.get(field):
                label = _label(ProgrammeYear, field.removesuffix("_code"))
                changes.append(_change(f"{label} {year}", ref.say(kind, b.get(field)), ref.say(kind, a.get(field))))
        if _shares(b) != _shares(a):
            label = capfirst(str(ProgrammeFunding._meta.verbose_name_plural))
            changes.append(_change(f"{label} {year}", _funding_summary(ref, b), _funding_summary(ref, a)))
    return changes


def _sheet_changes(ref: References, before: dict | None, after: dict | None) -> list[dict]:
    if before is None or after is None:
        return []  # a sheet added or removed: the quick-wins section says so
    changes = []
    for field in SHEET_FIELDS:
        if before.get(field) != after.get(field):
            kind = "stage" if field == "stage" else "text"
            label = _("Quick win: %(field)s") % {"field": _label(QuickWin, field)}
            changes.append(_change(label, ref.say(kind, before.get(field)), ref.say(kind, after.get(field))))
    b_scores, a_scores = before.get("scores") or {}, after.get("scores") or {}
    for code in sorted(b_scores.keys() | a_scores.keys()):
        if b_scores.get(code) != a_scores.get(code):
            label = _("Score: %(criterion)s") % {"criterion": ref.say("criterion", code)}
            changes.append(_change(label, ref.say("text", b_scores.get(code)), ref.say("text", a_scores.get(code))))
    return changes


def _programme_row(ref: References, p: dict) -> dict:
    return {
        "programme_id": p.get("id"),
        "name": p["name"],
        "dimension_name": ref.say("dimension", p.get("dimension_code")),
        "budget": _budget(p),
    }


def _programmes(ref: References, before: list[dict], after: list[dict]) -> dict:
    pairs, removed, added = _match(before, after, "name")
    changed = []
    for b, a in pairs:
        changes = _programme_changes(ref, b, a)
        if changes:
            changed.append({**_programme_row(ref, a), "changes": changes})
    order = {code: i for i, code in enumerate(ref.dimensions)}
    key = lambda row: (order.get(row.get("_dim"), 99), row["name"].lower())  # noqa: E731
    return {
        "added": sorted(({**_programme_row(ref, p), "_dim": p.get("dimension_code")} for p in added), key=key),
        "removed": sorted(({**_programme_row(ref, p), "_dim": p.get("dimension_code")} for p in removed), key=key),
        "changed": changed,
    }


def _budgets(ref: References, before: list[dict], after: list[dict]) -> dict:
    totals = {"before": defaultdict(int), "after": defaultdict(int)}
    for side, programmes in (("before", before), ("after", after)):
        for p in programmes:
            totals[side][p.get("dimension_code")] += _budget(p)
    rows = []
    for code, name in ref.dimensions.items():
        b, a = totals["before"][code], totals["after"][code]
        rows.append({"dimension_code": code, "dimension_name": name, "before": b, "after": a, "difference": a - b})
    b, a = sum(totals["before"].values()), sum(totals["after"].values())
    return {"rows": rows, "total": {"dimension_code": "", "dimension_name": _("Total"), "before": b, "after": a, "difference": a - b}}


# --- vision, readiness, commitment ----------------------------------------------------------


def _list_diff(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """Texts only before, only after (each occurrence counted)."""
    remaining = list(after)
    removed = []
    for text in before:
        if text in remaining:
            remaining.remove(text)
        else:
            removed.append(text)
    return removed, remaining


def _masterplan(ref: References, before: dict, after: dict) -> list[dict]:
    return [
        _change(_label(Masterplan, field), ref.say(kind, before.get(field)), ref.say(kind, after.get(field)))
        for field, kind in MASTERPLAN_FIELDS
        if before.get(field) != after.get(field)
    ]


def _missions(before: list[dict], after: list[dict]) -> dict:
    added, removed, changed = [], [], []
    pairs, gone, new = _match(before, after, "text")
    removed += [_("Mission: %(text)s") % {"text": m["text"]} for m in gone]
    added += [_("Mission: %(text)s") % {"text": m["text"]} for m in new]
    objectives_before = [o for m in before for o in m.get("objectives", [])]
    objectives_after = [o for m in after for o in m.get("objectives", [])]
    for b, a in pairs:
        if b["text"] != a["text"]:
            changed.append(_change(_("Mission"), b["text"], a["text"]))
    o_pairs, o_gone, o_new = _match(objectives_before, objectives_after, "text")
    removed += [_("Objective: %(text)s") % {"text": o["text"]} for o in o_gone]
    added += [_("Objective: %(text)s") % {"text": o["text"]} for o in o_new]

    def targets(o):
        return [
            f"{t['indicator']}: {t['value']} {t['unit']}".strip() + (f" ({t['year']})" if t.get("year") else "")
            for t in o.get("targets", [])
        ]

    for b, a in o_pairs:
        if b["text"] != a["text"]:
            changed.append(_change(_("Objective"), b["text"], a["text"]))
        gone_t, new_t = _list_diff(targets(b), targets(a))
        removed += [_("Target: %(text)s") % {"text": t} for t in gone_t]
        added += [_("Target: %(text)s") % {"text": t} for t in new_t]
    for o in o_gone:
        removed += [_("Target: %(text)s") % {"text": t} for t in targets(o)]
    for o in o_new:
        added += [_("Target: %(text)s") % {"text": t} for t in targets(o)]
    return {"added": added, "removed": removed, "changed": changed}


def _readiness(ref: References, before: list[dict], after: list[dict]) -> dict:
    b_lens, a_lens = {r["lens_code"]: r for r in before}, {r["lens_code"]: r for r in after}
    added, removed, changed = [], [], []
    for code in [c for c in ref.lenses if c in b_lens or c in a_lens]:
        b, a = b_lens.get(code, {}), a_lens.get(code, {})
        aspect = ref.say("lens", code)
        for field, kind, label in (
            ("rating_value", "rating", _label(LensAssessment, "rating")),
            ("current_condition", "text", _label(LensAssessment, "current_condition")),
            ("target_condition", "text", _label(LensAssessment, "target_condition")),
        ):
            if b.get(field) != a.get(field):
                changed.append(_change(f"{aspect}: {label}", ref.say(kind, b.get(field)), ref.say(kind, a.get(field))))
        swot = lambda r: [f"{ref.say('swot', s['category'])}: {s['text']}" for s in r.get("swot", [])]  # noqa: E731
        gaps = lambda r: [_("Gap: %(text)s") % {"text": g["description"]} for g in r.get("gaps", [])]  # noqa: E731
        gone, new = _list_diff(swot(b) + gaps(b), swot(a) + gaps(a))
        removed += [f"{aspect} · {t}" for t in gone]
        added += [f"{aspect} · {t}" for t in new]
    return {"added": added, "removed": removed, "changed": changed}


def _strategy_words(ref: References, s: dict, names: dict) -> dict:
    """A stored strategy in words (one frozen while strategies were bimtek outputs has its text as its title)."""
    return {
        "id": s.get("id"),
        "dimension": ref.say("dimension", s.get("dimension_code")),
        "title": s.get("title") or s["text"],
        "text": s["text"] if "title" in s else "",
        "pairing": s.get("pairing", ""),
        "swot": [f"{ref.say('swot', i['category'])} ({ref.say('lens', i['lens_code'])}): {i['text']}" for i in s.get("swot", [])],
        "programmes": [names.get(pk, f"#{pk}") for pk in s.get("programme_ids", [])],
    }


def _strategies(ref: References, before: dict, after: dict) -> dict:
    """Strategies added, removed (by dimension and title) and changed (matched by id, then by title)."""

    def words(snapshot):
        names = {p["id"]: p["name"] for p in snapshot.get("programmes", [])}
        return [_strategy_words(ref, s, names) for s in snapshot.get("strategies") or []]

    pairs, gone, new = _match(words(before), words(after), "title")
    say = lambda s: _("Strategy: %(text)s") % {"text": f"{s['dimension']} · {s['title']}"}  # noqa: E731
    changed = []
    for b, a in pairs:
        where = a["title"]
        for field, kind in (("dimension", "text"), ("title", "text"), ("text", "text"), ("pairing", "pairing")):
            if b[field] != a[field]:
                label = f"{where}: {_label(Strategy, field)}"
                changed.append(_change(label, ref.say(kind, b[field]), ref.say(kind, a[field])))
        for field in ("swot", "programmes"):
            change = _set_change(f"{where}: {_label(Strategy, 'swot_items' if field == 'swot' else field)}", b[field], a[field])
            if change:
                changed.append(change)
    return {"added": [say(s) for s in new], "removed": [say(s) for s in gone], "changed": changed}


def _signatory(ref: References, s: dict) -> str:
    text = f"{s['name']} – {s['role']}"
    if s.get("organisation"):
        text += f", {s['organisation']}"
    if s.get("on_behalf_of"):
        text += " " + _("on behalf of %(who)s") % {"who": s["on_behalf_of"]}
    return text


def _commitment(ref: References, before: dict | None, after: dict | None) -> dict:
    b, a = before or {}, after or {}
    changed = []
    for field, kind, label in (
        ("signed_on", "date", _("Date of the commitment")),
        ("place", "text", _("Place of the commitment")),
        ("text", "text", _("Text of the commitment")),
    ):
        if b.get(field) != a.get(field):
            changed.append(_change(label, ref.say(kind, b.get(field)), ref.say(kind, a.get(field))))
    removed, added = _list_diff(
        [_signatory(ref, s) for s in b.get("signatories", [])], [_signatory(ref, s) for s in a.get("signatories", [])]
    )
    return {"added": added, "removed": removed, "changed": changed}


def _quick_wins(before: list[dict], after: list[dict]) -> dict:
    """Quick wins added or removed (matched like programmes)."""
    _pairs, gone, new = _match([p for p in before if p.get("is_quick_win")], [p for p in after if p.get("is_quick_win")], "name")
    return {"added": sorted(p["name"] for p in new), "removed": sorted(p["name"] for p in gone)}


# --- the diff -------------------------------------------------------------------------------


def diff(before: dict, after: dict) -> dict:
    """What changed from snapshot `before` to snapshot `after`, in words; `change_count` 0 means nothing."""
    ref = References(before, after)
    result = {
        "masterplan": _masterplan(ref, before.get("masterplan", {}), after.get("masterplan", {})),
        "missions": _missions(before.get("missions", []), after.get("missions", [])),
        "programmes": _programmes(ref, before.get("programmes", []), after.get("programmes", [])),
        "budgets": _budgets(ref, before.get("programmes", []), after.get("programmes", [])),
        "quick_wins": _quick_wins(before.get("programmes", []), after.get("programmes", [])),
        "readiness": _readiness(ref, before.get("readiness", []), after.get("readiness", [])),
        "strategies": _strategies(ref, before, after),
        "commitment": _commitment(ref, before.get("commitment"), after.get("commitment")),
    }
    for section in ("added", "removed"):
        for row in result["programmes"][section]:
            row.pop("_dim", None)
    result["change_count"] = (
        len(result["masterplan"])
        + sum(len(result[k][s]) for k in ("missions", "readiness", "strategies", "commitment") for s in ("added", "removed", "changed"))
        + len(result["programmes"]["added"])
        + len(result["programmes"]["removed"])
        + sum(len(p["changes"]) for p in result["programmes"]["changed"])
        + len(result["quick_wins"]["added"])
        + len(result["quick_wins"]["removed"])
    )
    return result


# --- the report (a spreadsheet) -------------------------------------------------------------


def _cell_text(value) -> str:
    """Text as a spreadsheet cell holds it: no characters XML forbids."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _put(sheet, row: list) -> None:
    sheet.append([""] * len(row))
    for col, value in enumerate(row, start=1):
        cell = sheet.cell(row=sheet.max_row, column=col)
        if isinstance(value, int) and not isinstance(value, bool):
            cell.value = value
            cell.number_format = "#,##0"
        else:
            cell.value = _cell_text(value)
            cell.data_type = "s"  # never a formula, whatever the text starts with


def report_rows(result: dict) -> list[list[str]]:
    """Every change as a row: section, record, field, before, after (the report's first sheet)."""
    rows = []
    for c in result["masterplan"]:
        rows.append([_("Masterplan"), "", c["label"], c["before"], c["after"]])
    for key, section in (
        ("missions", _("Vision and missions")),
        ("readiness", _("Readiness analysis")),
        ("strategies", _("Strategies")),
        ("commitment", _("Commitment")),
    ):
        for c in result[key]["changed"]:
            rows.append([section, "", c["label"], c["before"], c["after"]])
        for text in result[key]["removed"]:
            rows.append([section, text, _("removed"), text, NOTHING])
        for text in result[key]["added"]:
            rows.append([section, text, _("added"), NOTHING, text])
    for p in result["programmes"]["removed"]:
        rows.append([_("Programmes"), p["name"], _("removed"), f"{p['dimension_name']} · {rupiah(p['budget'])}", NOTHING])
    for p in result["programmes"]["added"]:
        rows.append([_("Programmes"), p["name"], _("added"), NOTHING, f"{p['dimension_name']} · {rupiah(p['budget'])}"])
    for p in result["programmes"]["changed"]:
        for c in p["changes"]:
            rows.append([_("Programmes"), p["name"], c["label"], c["before"], c["after"]])
    for name in result["quick_wins"]["removed"]:
        rows.append([_("Quick wins"), name, _("removed"), name, NOTHING])
    for name in result["quick_wins"]["added"]:
        rows.append([_("Quick wins"), name, _("added"), NOTHING, name])
    return rows


def report_xlsx(result: dict, *, title: str, before_label: str, after_label: str) -> bytes:
    """The diff as a workbook: the changes, and the budgets per dimension before → after."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Changes")[:31]
    bold = Font(bold=True)
    _put(sheet, [title])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    _put(sheet, [_("From"), before_label])
    _put(sheet, [_("To"), after_label])
    _put(sheet, [""])
    _put(sheet, [_("Section"), _("Record"), _("Field"), before_label, after_label])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    rows = report_rows(result)
    for row in rows:
        _put(sheet, row)
    if not rows:
        _put(sheet, [_("No differences.")])
    for column, width in zip("ABCDE", (22, 40, 30, 50, 50), strict=True):
        sheet.column_dimensions[column].width = width

    budgets = book.create_sheet(_("Budgets")[:31])
    _put(budgets, [_("Dimension"), before_label, after_label, _("Difference")])
    for cell in budgets[1]:
        cell.font = bold
    for row in [*result["budgets"]["rows"], result["budgets"]["total"]]:
        _put(budgets, [row["dimension_name"], row["before"], row["after"], row["difference"]])
    for cell in budgets[budgets.max_row]:
        cell.font = bold
    for column, width in zip("ABCD", (28, 22, 22, 22), strict=True):
        budgets.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- one version in brief -------------------------------------------------------------------


def summarise(snapshot: dict) -> dict:
    """What a version holds, for its page: the masterplan, missions, programmes and budget per dimension, quick wins, signatories."""
    ref = References(snapshot)
    programmes = snapshot.get("programmes", [])
    counts = defaultdict(int)
    for p in programmes:
        counts[p.get("dimension_code")] += 1
    budgets = _budgets(ref, [], programmes)
    masterplan = snapshot.get("masterplan", {})
    commitment = snapshot.get("commitment")
    return {
        "masterplan": {
            **masterplan,
            "status_label": ref.say("mp_status", masterplan.get("status")),
            "regulation_date_label": ref.say("date", masterplan.get("regulation_date")),
        },
        "missions": [m["text"] for m in snapshot.get("missions", [])],
        "programme_count": len(programmes),
        "dimensions": [
            {"name": row["dimension_name"], "programmes": counts[row["dimension_code"]], "budget": row["after"]} for row in budgets["rows"]
        ],
        "total_budget": budgets["total"]["after"],
        "quick_wins": sorted(p["name"] for p in programmes if p.get("is_quick_win")),
        "commitment_date": ref.say("date", commitment.get("signed_on")) if commitment else None,
        "signatories": [_signatory(ref, s) for s in commitment.get("signatories", [])] if commitment else [],
        "aspects": [
            {"name": ref.say("lens", r["lens_code"]), "rating": ref.say("rating", r.get("rating_value")), "swot": len(r.get("swot", []))}
            for r in snapshot.get("readiness", [])
        ],
    }
