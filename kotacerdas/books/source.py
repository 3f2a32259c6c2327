"""Where a book reads the plan from: the live plan (the selectors that feed the pages) or a frozen version
(its snapshot, `books.versions.plan_snapshot`). The content builders read through one `Source` and never
know which: one code path builds both.

    source = plan_source(masterplan)              # the live plan
    source = plan_source(masterplan, version)     # version N as it was frozen

A version's snapshot holds the plan data (masterplan, missions, programmes, readiness, commitment), the city's
register as the books show it (`register`: departments with their short names, stakeholders, bodies with their
members, official plans with their items) and the strategies per dimension (`strategies`, with the SWOT items
they answer and the ids of the programmes carrying them): a version's books keep the names they had when it was
frozen. Snapshots frozen before the register and strategies were kept have neither key; for those versions both
are read live (the base `Source` methods), so old versions still build. Snapshots frozen while strategies were
still bimtek outputs keep only their dimension and text: each is shown as a strategy with that title.
Always read live: the city itself (name, code, MoU, cohort) and the regions (province, districts, villages),
which are national reference data. `SnapshotSource` turns the snapshot back into small read-only objects with
the attributes the builders read on the models (`programme.lead_opd.name`, `programme.years.all()`, …);
reference data (dimension, element, horizon, funding source, aspect, rating, criterion, stakeholder type) is
named from its stable code in the reader's language.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from functools import cached_property
from types import SimpleNamespace

from django.utils import timezone

from kotacerdas.alignment import selectors as alignment_selectors
from kotacerdas.books.versions import year_funding
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.cities.models import Body, Cohort
from kotacerdas.framework.models import Dimension, Element, FundingSource, Horizon, ProgrammeStatus, ReadinessRating, StakeholderType
from kotacerdas.masterplan import selectors as plan_selectors
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.monitoring.selectors import indicators_prefetch
from kotacerdas.programmes import selectors as programme_selectors
from kotacerdas.programmes.models import ProgrammeStakeholder, QuickWin
from kotacerdas.readiness import selectors as readiness_selectors


class Related(list):
    """A list that answers `.all()` like a related manager whose rows were prefetched."""

    def all(self):
        return self


def plan_source(masterplan, version=None) -> Source:
    return SnapshotSource(masterplan, version) if version is not None else LiveSource(masterplan)


class Source:
    """What every book reads. `masterplan` has the masterplan's fields (and `city`, the live city);
    `version` is the frozen version or None; `label`/`day` are what the title page says."""

    masterplan = None
    version = None

    @property
    def city(self):
        return self.masterplan.city

    def cohort(self):
        """The city's cohort (Tahap III (2019) …), read live: one query whatever the city has cached."""
        return Cohort.objects.filter(cities=self.city).first()

    @property
    def day(self) -> datetime.date:
        """The date on the title page: the day the version was frozen, or today for the live plan."""
        if self.version is None:
            return timezone.localdate()
        return timezone.localdate(self.version.created_at)

    # the city's register and the strategies, read live (a version's snapshot overrides them)
    def strategies(self) -> dict:
        """The strategies per dimension id, each with `title`, `text`, `pairing`, `swot_items` (`category`, `text`,
        `lens`) and `programmes` (`name`)."""
        found: dict = defaultdict(list)
        for strategy in readiness_selectors.strategies(self.live_masterplan):
            found[strategy.dimension_id].append(strategy)
        return found

    def opds(self) -> list:
        return list(city_selectors.opd_list(self.city))

    def amendments(self) -> list:
        """The masterplan's closed revisions, oldest first, each with its amending regulation's `regulation_number`
        and `regulation_date` (the register entry's)."""
        return [SimpleNamespace(**a) for a in plan_selectors.amendments_of(self.live_masterplan)]

    def stakeholders(self) -> list:
        return list(city_selectors.stakeholder_list(self.city))

    def bodies(self) -> list:
        """The smart-city bodies, each with `n_members`."""
        return list(city_selectors.body_list(self.city))

    def plan_documents(self) -> list:
        return list(alignment_selectors.plan_documents(self.city))

    def plan_items(self, document) -> list:
        """The items of one of `plan_documents()` in reading order."""
        return alignment_selectors.plan_item_tree(document)

    @cached_property
    def dimensions(self) -> list:
        return list(Dimension.objects.order_by("order", "code"))

    @cached_property
    def elements(self) -> dict:
        by_dimension: dict[int, list] = defaultdict(list)
        for element in Element.objects.order_by("dimension__order", "order", "code"):
            by_dimension[element.dimension_id].append(element)
        return by_dimension

    @cached_property
    def horizons(self) -> list:
        return list(Horizon.objects.all())

    @cached_property
    def funding_sources(self) -> list:
        return list(FundingSource.objects.all())

    @cached_property
    def criteria(self) -> list:
        return list(programme_selectors.selection_criteria())

    def budget_matrix(self) -> list[dict]:
        """Budget by dimension × year × funding source (rows `dimension_id, year, funding_source_id, total`), summed
        from the programmes' funding shares already read (no query)."""
        totals: dict[tuple, Decimal] = defaultdict(Decimal)
        for p in self.programmes:
            for y in p.years.all():
                # A year's shares make its budget; a year without shares: under no source.
                for source, amount in [(f.source.pk, f.amount) for f in y.funding.all()] or [(None, y.budget)]:
                    totals[(p.dimension_id, y.year, source)] += amount or 0
        ordered = sorted(totals, key=lambda k: (k[0], k[1], k[2] is None, k[2] or 0))
        return [{"dimension_id": d, "year": y, "funding_source_id": f, "total": totals[(d, y, f)]} for d, y, f in ordered]

    def summary_by_dimension(self) -> list[dict]:
        """Per dimension (all six): its number of programmes and their budget, from the programmes already read."""
        return [
            {
                "code": d.code,
                "name": d.name,
                "programmes": sum(1 for p in self.programmes if p.dimension_id == d.pk),
                "budget": sum((p.budget_total for p in self.programmes if p.dimension_id == d.pk), Decimal(0)),
            }
            for d in self.dimensions
        ]


class LiveSource(Source):
    def __init__(self, masterplan):
        self.masterplan = self.live_masterplan = masterplan

    @cached_property
    def programmes(self) -> list:
        """Every programme with its years, partners, action-plan steps, supporting OPDs, indicators and plan links (a fixed number of queries)."""
        return list(
            programme_selectors.programme_details(self.masterplan)
            .prefetch_related(alignment_selectors.plan_links_prefetch(), indicators_prefetch())
            .order_by("dimension__order", "element__order", "name", "pk")
        )

    @cached_property
    def missions(self) -> list:
        return plan_selectors.missions_tree(self.masterplan)

    def readiness(self) -> list[dict]:
        return readiness_selectors.readiness_by_lens(self.masterplan)

    def selected_quick_wins(self) -> list:
        """The selected quick-win sheets, best total score first, each with its programme (`programme`) in detail."""
        details = {p.pk: p for p in self.programmes}
        sheets = [s for s in programme_selectors.quick_wins(self.masterplan) if s.stage == QuickWin.Stage.SELECTED]
        for sheet in sheets:
            sheet.programme = details.get(sheet.programme_id, sheet.programme)
        return sheets

    def commitment(self):
        latest = self.city.commitments.order_by("-signed_on", "-id").values_list("pk", flat=True).first()
        return city_selectors.commitment_detail(self.city, latest) if latest else None


def _decimal(value):
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _value(value) -> tuple:
    """A stored target/baseline ("10", "2.5" or a text) → (number, text) as the indicator models hold them."""
    number = _decimal(value) if value not in (None, "") else None
    return (number, "") if number is not None else (None, value or "")


class SnapshotSource(Source):
    def __init__(self, masterplan, version):
        self.version = version
        self.live_masterplan = masterplan
        data = version.snapshot["masterplan"]
        status = data.get("status") or ""
        self.masterplan = SimpleNamespace(
            pk=data["id"],
            city=masterplan.city,
            title=data["title"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            years=range(data["start_year"], data["end_year"] + 1),
            status=status,
            get_status_display=lambda: Masterplan.Status(status).label if status in Masterplan.Status.values else status,
            regulation_number=data.get("regulation_number") or "",
            regulation_date=_date(data.get("regulation_date")),
            vision=data.get("vision") or "",
        )

    # reference data by its stable code; a code no longer known is shown as it was stored
    def _by_code(self, model, code):
        if code is None:
            return None
        return self._codes(model).get(code) or SimpleNamespace(pk=f"{model.__name__}:{code}", code=code, name=code, order=999)

    def _codes(self, model) -> dict:
        cache = self.__dict__.setdefault("_code_tables", {})
        if model not in cache:
            rows = {
                Dimension: lambda: self.dimensions,
                Element: lambda: [e for elements in self.elements.values() for e in elements],
                Horizon: lambda: self.horizons,
                FundingSource: lambda: self.funding_sources,
                ProgrammeStatus: lambda: list(ProgrammeStatus.objects.all()),
            }[model]()
            cache[model] = {row.code: row for row in rows}
        return cache[model]

    @cached_property
    def _register(self) -> dict | None:
        """The register frozen with the version; None for a version frozen before it was kept (then read live)."""
        return self.version.snapshot.get("register")

    @cached_property
    def _opd_short_names(self) -> dict:
        if self._register is None:
            return dict(self.city.opds.values_list("pk", "short_name"))
        return {o["id"]: o["short_name"] for o in self._register["opds"]}

    def strategies(self) -> dict:
        stored = self.version.snapshot.get("strategies")
        if stored is None:
            return super().strategies()
        lenses = {lens.code: lens for lens in readiness_selectors.lenses()}
        names = {p["id"]: p["name"] for p in self.version.snapshot["programmes"]}
        found: dict = defaultdict(list)
        for s in stored:
            dimension = self._by_code(Dimension, s["dimension_code"])
            found[dimension.pk if dimension else None].append(
                SimpleNamespace(
                    # a strategy frozen while it was a bimtek output has its text only: that is its title
                    title=s.get("title") or s["text"],
                    text=s["text"] if "title" in s else "",
                    pairing=s.get("pairing", ""),
                    swot_items=Related(
                        SimpleNamespace(
                            category=i["category"],
                            text=i["text"],
                            lens=lenses.get(i["lens_code"]) or SimpleNamespace(code=i["lens_code"], name=i["lens_code"]),
                        )
                        for i in s.get("swot", [])
                    ),
                    programmes=Related(SimpleNamespace(name=names[pk]) for pk in s.get("programme_ids", []) if pk in names),
                )
            )
        return found

    def amendments(self) -> list:
        stored = self.version.snapshot["masterplan"].get("amendments")
        if stored is None:
            return super().amendments()
        return [
            SimpleNamespace(number=a["number"], regulation_number=a["regulation_number"], regulation_date=_date(a["regulation_date"]))
            for a in stored
        ]

    def opds(self) -> list:
        if self._register is None:
            return super().opds()
        return [SimpleNamespace(pk=o["id"], **o) for o in self._register["opds"]]

    def stakeholders(self) -> list:
        if self._register is None:
            return super().stakeholders()
        types = {t.code: t for t in StakeholderType.objects.all()}
        return [
            SimpleNamespace(
                pk=s["id"], name=s["name"], type=types.get(s["type_code"]) or SimpleNamespace(code=s["type_code"], name=s["type_code"])
            )
            for s in self._register["stakeholders"]
        ]

    def bodies(self) -> list:
        if self._register is None:
            return super().bodies()
        kinds = dict(Body.Kind.choices)
        return [
            SimpleNamespace(
                pk=b["id"],
                kind=b["kind"],
                get_kind_display=lambda kind=b["kind"]: kinds.get(kind, kind),
                name=b["name"],
                decree_number=b["decree_number"],
                decree_date=_date(b["decree_date"]),
                members=Related(SimpleNamespace(**m) for m in b["members"]),
                n_members=len(b["members"]),
            )
            for b in self._register["bodies"]
        ]

    def plan_documents(self) -> list:
        if self._register is None:
            return super().plan_documents()
        return [
            SimpleNamespace(
                pk=d["id"],
                kind=d["kind"],
                title=d["title"],
                legal_basis=d["legal_basis"],
                start_year=d["start_year"],
                end_year=d["end_year"],
                items=[
                    SimpleNamespace(
                        pk=i["id"],
                        kind=i["kind"],
                        code=i["code"],
                        text=i["text"],
                        # versions frozen before plan items had an indicator, target and ceiling state none
                        indicator=i.get("indicator", ""),
                        target=i.get("target", ""),
                        indicative_ceiling=None if i.get("indicative_ceiling") is None else Decimal(i["indicative_ceiling"]),
                    )
                    for i in d["items"]
                ],
            )
            for d in self._register["plan_documents"]
        ]

    def plan_items(self, document) -> list:
        if self._register is None:
            return super().plan_items(document)
        return document.items

    @cached_property
    def programmes(self) -> list:
        roles = dict(ProgrammeStakeholder.Role.choices)
        made = []
        for p in self.version.snapshot["programmes"]:
            dimension = self._by_code(Dimension, p["dimension_code"])
            element = self._by_code(Element, p["element_code"])
            horizon = self._by_code(Horizon, p["horizon_code"])
            lead = None
            if p["lead_opd_id"] or p["lead_opd_name"]:
                short = self._opd_short_names.get(p["lead_opd_id"]) or p["lead_opd_name"]
                lead = SimpleNamespace(pk=p["lead_opd_id"], name=p["lead_opd_name"], short_name=short)
            years = Related(
                SimpleNamespace(
                    year=y["year"],
                    budget=Decimal(y["budget"]),
                    status=self._by_code(ProgrammeStatus, y.get("status_code")),
                    funding=Related(
                        SimpleNamespace(
                            source=self._by_code(FundingSource, f["source_code"]),
                            amount=Decimal(f["amount"]),
                            stakeholder_id=f["stakeholder_id"],
                            stakeholder=SimpleNamespace(name=f["stakeholder_name"]) if f["stakeholder_name"] else None,
                        )
                        for f in year_funding(y)
                    ),
                )
                for y in p["years"]
            )
            indicators = Related()
            for i in p["indicators"]:
                baseline_number, baseline_text = _value(i["baseline"])
                targets = Related()
                for year, value in i["targets"].items():
                    number, text = _value(value)
                    targets.append(SimpleNamespace(year=int(year), value_number=number, value_text=text))
                indicators.append(
                    SimpleNamespace(
                        kind=i["kind"],
                        name=i["name"],
                        unit=i["unit"],
                        baseline_number=baseline_number,
                        baseline_text=baseline_text,
                        baseline_year=i["baseline_year"],
                        targets=targets,
                    )
                )
            made.append(
                SimpleNamespace(
                    pk=p["id"],
                    name=p["name"],
                    description=p["description"],
                    problem=p["problem"],
                    dimension=dimension,
                    dimension_id=dimension.pk,
                    element=element,
                    element_id=element.pk,
                    horizon=horizon,
                    horizon_id=horizon.pk,
                    lead_opd=lead,
                    supporting_opds=Related(SimpleNamespace(pk=o["id"], name=o["name"]) for o in p["supporting_opds"]),
                    partners=Related(
                        SimpleNamespace(
                            stakeholder_id=s["stakeholder_id"],
                            stakeholder=SimpleNamespace(name=s["stakeholder_name"]),
                            role=s["role"],
                            get_role_display=lambda role=s["role"]: roles.get(role, role),
                        )
                        for s in p["partners"]
                    ),
                    start_year=p["start_year"],
                    end_year=p["end_year"],
                    is_quick_win=p["is_quick_win"],
                    years=years,
                    # Versions frozen before action plans existed have no steps.
                    steps=Related(
                        SimpleNamespace(
                            year=st["year"],
                            description=st["description"],
                            milestone=st["milestone"],
                            opd=SimpleNamespace(
                                pk=st["opd_id"], name=st["opd_name"], short_name=self._opd_short_names.get(st["opd_id"]) or st["opd_name"]
                            )
                            if st["opd_name"]
                            else None,
                        )
                        for st in p.get("steps", [])
                    ),
                    budget_total=sum((y.budget for y in years), Decimal(0)),
                    indicators=indicators,
                    plan_links=Related(
                        SimpleNamespace(
                            plan_item=SimpleNamespace(
                                code=link["code"],
                                text=link["text"],
                                document=SimpleNamespace(
                                    kind=link["plan_kind"],
                                    title=link["plan_title"],
                                ),
                            )
                        )
                        for link in p["plan_links"]
                    ),
                    quick_win_data=p["quick_win"],
                )
            )
        return made

    @cached_property
    def missions(self) -> list:
        return [
            SimpleNamespace(
                text=m["text"],
                objectives=Related(
                    SimpleNamespace(
                        text=o["text"],
                        dimensions=Related(
                            sorted((self._by_code(Dimension, code) for code in o["dimension_codes"]), key=lambda d: (d.order, d.code))
                        ),
                        targets=Related(SimpleNamespace(**t) for t in o["targets"]),
                    )
                    for o in m["objectives"]
                ),
            )
            for m in self.version.snapshot["missions"]
        ]

    def readiness(self) -> list[dict]:
        ratings = {r.value: r for r in ReadinessRating.objects.all()}
        names = {p["id"]: p["name"] for p in self.version.snapshot["programmes"]}
        stored = {row["lens_code"]: row for row in self.version.snapshot["readiness"]}
        rows = []
        for lens in readiness_selectors.lenses():
            row = stored.get(lens.code)
            if row is None:
                rows.append({"lens": lens, "assessment": None, "swot": [], "quadrants": readiness_selectors.quadrants([]), "gaps": []})
                continue
            rating = ratings.get(row["rating_value"])
            assessed = rating or row["current_condition"] or row["target_condition"]
            swot = [SimpleNamespace(category=s["category"], text=s["text"]) for s in row["swot"]]
            rows.append(
                {
                    "lens": lens,
                    "assessment": SimpleNamespace(
                        rating=rating, current_condition=row["current_condition"], target_condition=row["target_condition"]
                    )
                    if assessed
                    else None,
                    "swot": swot,
                    "quadrants": readiness_selectors.quadrants(swot),
                    "gaps": [
                        SimpleNamespace(
                            lens=lens,
                            description=g["description"],
                            current_condition=g["current_condition"],
                            target_condition=g["target_condition"],
                            programmes=Related(
                                sorted((SimpleNamespace(name=names[pk]) for pk in g["programme_ids"] if pk in names), key=lambda p: p.name)
                            ),
                        )
                        for g in row["gaps"]
                    ],
                }
            )
        return rows

    def selected_quick_wins(self) -> list:
        criteria = {c.code: c for c in self.criteria}
        sheets = []
        for p in self.programmes:
            data = p.quick_win_data
            if not data or data["stage"] != QuickWin.Stage.SELECTED:
                continue
            scores = Related(
                SimpleNamespace(criterion_id=criteria[code].pk, criterion=criteria[code], score=score)
                for code, score in data["scores"].items()
                if code in criteria
            )
            sheets.append(
                SimpleNamespace(
                    programme=p,
                    programme_id=p.pk,
                    stage=data["stage"],
                    problem=data["problem"],
                    innovation=data["innovation"],
                    benefit=data["benefit"],
                    partners=data["partners"],
                    risks=data["risks"],
                    timeline=data["timeline"],
                    scores=scores,
                    total_score=sum(s.score for s in scores),
                )
            )
        return sorted(sheets, key=lambda s: (-s.total_score, s.programme.name))

    def commitment(self):
        data = self.version.snapshot.get("commitment")
        if data is None:
            return None
        return SimpleNamespace(
            text=data["text"],
            place=data["place"],
            signed_on=_date(data["signed_on"]),
            signatories=Related(SimpleNamespace(**s) for s in data["signatories"]),
        )
