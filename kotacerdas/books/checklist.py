"""The pre-flight completeness check of the masterplan package: what is missing or inconsistent, by book and chapter.

One selector (`checklist`) feeds the Documents page, the API (`GET /cities/{code}/books/checklist`)
and the books themselves (they print the same gaps as “Belum diisi”). It never refuses anything:
building a book with gaps is allowed. It runs in a constant number of queries whatever the size
of the plan (pinned in `books/tests/test_checklist.py`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.alignment.models import MEDIUM_TERM_KINDS, PlanDocument, ProgrammeLink
from kotacerdas.cities.models import Body
from kotacerdas.framework.models import Dimension, Element, ReadinessLens
from kotacerdas.masterplan.selectors import current_masterplan
from kotacerdas.programmes import selectors as programme_selectors
from kotacerdas.programmes.models import Programme, ProgrammeYear, QuickWin
from kotacerdas.readiness.models import LensAssessment, SwotItem

MISSING = "missing"
INCONSISTENT = "inconsistent"
SEVERITIES = {MISSING: gettext_lazy("missing"), INCONSISTENT: gettext_lazy("inconsistent")}

# The books and their chapters, in reading order (the stable codes are the API's `book` and `chapter`).
BOOKS = [
    (
        "1",
        gettext_lazy("Book I: Strategic Analysis"),
        [
            ("introduction", gettext_lazy("Introduction and legal basis")),
            ("readiness", gettext_lazy("Readiness analysis")),
            ("vision", gettext_lazy("Vision, missions and objectives")),
        ],
    ),
    (
        "2",
        gettext_lazy("Book II: Masterplan"),
        [
            ("dimensions", gettext_lazy("Strategy and programmes per dimension")),
            ("institutions", gettext_lazy("Institutional and regulatory plan")),
            ("action_plan", gettext_lazy("Action plan per programme")),
        ],
    ),
    ("3", gettext_lazy("Book III: Quick Wins"), [("quick_wins", gettext_lazy("Quick-win sheets"))]),
    ("commitment", gettext_lazy("Commitment sheet"), [("signatories", gettext_lazy("Signatories"))]),
]
BOOK_LABELS = {code: label for code, label, _chapters in BOOKS}
CHAPTER_LABELS = {(code, chapter): label for code, _label, chapters in BOOKS for chapter, label in chapters}

# The official plans a programme should be aligned with (docs/domain.md §5): the medium-term plan (the RPJMD,
# or the transition RPD for the years without one) or a Renstra.
ALIGNMENT_KINDS = (*sorted(MEDIUM_TERM_KINDS), PlanDocument.Kind.RENSTRA)
# Bodies every city forms (the forum is optional).
REQUIRED_BODIES = (Body.Kind.COUNCIL, Body.Kind.TEAM)


@dataclass(frozen=True)
class Item:
    """One gap: where it shows in the package, how serious, what it is (translated, naming the record), where to fix it."""

    book: str
    chapter: str
    severity: str
    code: str
    message: str
    url: str
    record_type: str = ""
    record_id: int | None = None

    @property
    def book_label(self) -> str:
        return str(BOOK_LABELS[self.book])

    @property
    def chapter_label(self) -> str:
        return str(CHAPTER_LABELS[(self.book, self.chapter)])

    @property
    def severity_label(self) -> str:
        return str(SEVERITIES[self.severity])

    def as_dict(self) -> dict:
        return {**asdict(self), "book_label": self.book_label, "chapter_label": self.chapter_label, "severity_label": self.severity_label}


def checklist(city, masterplan=None) -> list[Item]:
    """Every gap of the city's masterplan package (`masterplan`: the current one by default), in book and chapter order."""
    if masterplan is None:
        masterplan = current_masterplan(city)
    items: list[Item] = []
    items += _introduction(city)
    items += _institutions(city)
    items += _commitment(city)
    if masterplan is None:
        items.append(
            Item(
                "1",
                "vision",
                MISSING,
                "no_masterplan",
                _("%(city)s has no masterplan yet.") % {"city": city.name},
                _url("masterplan:detail", city),
            )
        )
    else:
        items += _vision(city, masterplan)
        items += _readiness(city, masterplan)
        items += _dimensions(city, masterplan)
        items += _programmes(city, masterplan)
        items += _quick_wins(city, masterplan)
    order = {(code, chapter): i for i, (code, _l, chapters) in enumerate(BOOKS) for chapter, _c in chapters}
    return sorted(items, key=lambda item: order[(item.book, item.chapter)])


def grouped(items: list[Item]) -> list[dict]:
    """The items by book and chapter (every book and chapter, empty ones too) for the page."""
    result = []
    for code, label, chapters in BOOKS:
        book_chapters = []
        for chapter, chapter_label in chapters:
            found = [i for i in items if i.book == code and i.chapter == chapter]
            book_chapters.append({"code": chapter, "label": chapter_label, "items": found})
        result.append({"code": code, "label": label, "chapters": book_chapters, "count": sum(len(c["items"]) for c in book_chapters)})
    return result


def summary(items: list[Item]) -> dict:
    return {
        "count": len(items),
        "missing": sum(i.severity == MISSING for i in items),
        "inconsistent": sum(i.severity == INCONSISTENT for i in items),
    }


# --- the checks -----------------------------------------------------------------------------


def _url(name: str, city, *args, query: str = "") -> str:
    return reverse(name, args=[city.code, *args]) + (f"?{query}" if query else "")


def _introduction(city) -> list[Item]:
    """The MoU with the ministry (its number and date; no query: the city is loaded)."""
    if city.mou_number and city.mou_date:
        return []
    return [
        Item(
            "1",
            "introduction",
            MISSING,
            "mou_missing",
            _("The MoU with the ministry (its number and date) is not recorded for %(city)s.") % {"city": city.name},
            _url("cities:edit", city),
            "cities.city",
            None,
        )
    ]


def _institutions(city) -> list[Item]:
    """The council and the implementation team exist; every body has its decree (one query)."""
    bodies = list(Body.objects.filter(city=city).order_by("kind", "name").values("pk", "kind", "name", "decree_number", "decree_date"))
    items = []
    kinds = {b["kind"] for b in bodies}
    for kind in REQUIRED_BODIES:
        if kind not in kinds:
            items.append(
                Item(
                    "2",
                    "institutions",
                    MISSING,
                    "body_missing",
                    _("No %(body)s is recorded.") % {"body": Body.Kind(kind).label},
                    _url("cities:body_create", city),
                    "cities.body",
                    None,
                )
            )
    for body in bodies:
        if not body["decree_number"] or body["decree_date"] is None:
            items.append(
                Item(
                    "2",
                    "institutions",
                    MISSING,
                    "body_without_decree",
                    _("“%(body)s” has no decree (SK number and date).") % {"body": body["name"]},
                    _url("cities:body_edit", city, body["pk"]),
                    "cities.body",
                    body["pk"],
                )
            )
    return items


def _commitment(city) -> list[Item]:
    """A commitment exists and each one has signatories (one query)."""
    commitments = list(city.commitments.annotate(n=Count("signatories")).order_by("-signed_on", "-pk").values("pk", "signed_on", "n"))
    if not commitments:
        return [
            Item(
                "commitment",
                "signatories",
                MISSING,
                "commitment_missing",
                _("No commitment (lembar komitmen) is recorded."),
                _url("cities:commitment_create", city),
                "cities.commitment",
                None,
            )
        ]
    return [
        Item(
            "commitment",
            "signatories",
            MISSING,
            "commitment_without_signatories",
            _("The commitment of %(date)s has no signatories.") % {"date": date_format(c["signed_on"], "j F Y")},
            _url("cities:commitment_detail", city, c["pk"]),
            "cities.commitment",
            c["pk"],
        )
        for c in commitments
        if not c["n"]
    ]


def _vision(city, masterplan) -> list[Item]:
    """A vision and at least one mission (one query)."""
    items = []
    if not masterplan.vision.strip():
        items.append(
            Item(
                "1",
                "vision",
                MISSING,
                "vision_missing",
                _("The masterplan “%(plan)s” has no vision.") % {"plan": masterplan.title},
                _url("masterplan:edit", city, masterplan.pk),
                "masterplan.masterplan",
                masterplan.pk,
            )
        )
    if not masterplan.missions.exists():
        items.append(
            Item(
                "1",
                "vision",
                MISSING,
                "missions_missing",
                _("The masterplan “%(plan)s” has no missions.") % {"plan": masterplan.title},
                _url("masterplan:vision", city, query=f"masterplan={masterplan.pk}"),
                "masterplan.masterplan",
                masterplan.pk,
            )
        )
    return items


def _readiness(city, masterplan) -> list[Item]:
    """Each core aspect (and each optional one the city uses) has an assessment with a rating and SWOT items (three queries)."""
    lenses = list(ReadinessLens.objects.order_by("-is_core", "order", "code"))
    assessments = {a["lens_id"]: a for a in LensAssessment.objects.filter(masterplan=masterplan).values("lens_id", "rating_id")}
    swot = dict(
        SwotItem.objects.filter(masterplan=masterplan).order_by().values("lens_id").annotate(n=Count("pk")).values_list("lens_id", "n")
    )
    items = []
    for lens in lenses:
        used = lens.pk in assessments or lens.pk in swot
        if not lens.is_core and not used:
            continue
        url = _url("readiness:lens", city, lens.code, query=f"masterplan={masterplan.pk}")
        assessment = assessments.get(lens.pk)
        if assessment is None:
            items.append(
                Item(
                    "1",
                    "readiness",
                    MISSING,
                    "aspect_without_assessment",
                    _("The aspect “%(aspect)s” has no assessment.") % {"aspect": lens.name},
                    url,
                    "framework.readinesslens",
                    lens.pk,
                )
            )
        elif assessment["rating_id"] is None:
            items.append(
                Item(
                    "1",
                    "readiness",
                    MISSING,
                    "aspect_without_rating",
                    _("The aspect “%(aspect)s” has no rating.") % {"aspect": lens.name},
                    url,
                    "framework.readinesslens",
                    lens.pk,
                )
            )
        if not swot.get(lens.pk):
            items.append(
                Item(
                    "1",
                    "readiness",
                    MISSING,
                    "aspect_without_swot",
                    _("The aspect “%(aspect)s” has no SWOT items.") % {"aspect": lens.name},
                    url,
                    "framework.readinesslens",
                    lens.pk,
                )
            )
    return items


def _dimensions(city, masterplan) -> list[Item]:
    """Every dimension and element has at least one programme (two queries)."""
    programmes = Programme.objects.filter(masterplan=masterplan)
    create = _url("programmes:create", city)
    items = [
        Item(
            "2",
            "dimensions",
            MISSING,
            "dimension_without_programme",
            _("The dimension “%(dimension)s” has no programme.") % {"dimension": d.name},
            create,
            "framework.dimension",
            d.pk,
        )
        for d in Dimension.objects.filter(~Exists(programmes.filter(dimension=OuterRef("pk")))).order_by("order", "code")
    ]
    items += [
        Item(
            "2",
            "dimensions",
            MISSING,
            "element_without_programme",
            _("The element “%(element)s” (%(dimension)s) has no programme.") % {"element": e.name, "dimension": e.dimension.name},
            create,
            "framework.element",
            e.pk,
        )
        for e in Element.objects.filter(~Exists(programmes.filter(element=OuterRef("pk"))))
        .select_related("dimension")
        .order_by("dimension__order", "order", "code")
    ]
    return items


def _programmes(city, masterplan) -> list[Item]:
    """Each programme: a lead OPD, a budget, a link to the RPJMD (or RPD) or a Renstra, years inside the period (one query)."""
    years = ProgrammeYear.objects.filter(programme=OuterRef("pk"))
    rows = (
        Programme.objects.filter(masterplan=masterplan)
        .annotate(
            has_budget=Exists(years.filter(budget__gt=0)),
            has_link=Exists(ProgrammeLink.objects.filter(programme=OuterRef("pk"), plan_item__document__kind__in=ALIGNMENT_KINDS)),
            rows_outside=Exists(
                years.filter(
                    Q(year__lt=masterplan.start_year)
                    | Q(year__gt=masterplan.end_year)
                    | Q(year__lt=OuterRef("start_year"))
                    | Q(year__gt=OuterRef("end_year"))
                )
            ),
        )
        .order_by("dimension__order", "element__order", "name", "pk")
        .values("pk", "name", "lead_opd_id", "start_year", "end_year", "has_budget", "has_link", "rows_outside")
    )
    items = []
    for p in rows:
        edit = _url("programmes:edit", city, p["pk"])
        name = p["name"]

        def add(severity, code, message, url=edit, pk=p["pk"]):
            items.append(Item("2", "action_plan", severity, code, message, url, "programmes.programme", pk))

        if p["lead_opd_id"] is None:
            add(MISSING, "programme_without_lead_opd", _("The programme “%(name)s” has no lead department (OPD).") % {"name": name})
        if not p["has_budget"]:
            add(MISSING, "programme_without_budget", _("The programme “%(name)s” has no budget.") % {"name": name})
        if not p["has_link"]:
            add(
                MISSING,
                "programme_without_alignment",
                _("The programme “%(name)s” is not linked to the RPJMD (or RPD) or a Renstra.") % {"name": name},
                _url("alignment:programme_links", city, p["pk"]),
            )
        if p["start_year"] < masterplan.start_year or p["end_year"] > masterplan.end_year or p["rows_outside"]:
            add(
                INCONSISTENT,
                "programme_years_outside_period",
                _("The programme “%(name)s” has years outside the masterplan period %(start)d–%(end)d.")
                % {"name": name, "start": masterplan.start_year, "end": masterplan.end_year},
            )
    return items


def _quick_wins(city, masterplan) -> list[Item]:
    """At least one selected quick win, each scored on every criterion (two queries)."""
    scored_on = programme_selectors.selection_criteria()
    criteria = scored_on.count()
    selected = list(
        QuickWin.objects.filter(programme__masterplan=masterplan, stage=QuickWin.Stage.SELECTED)
        .annotate(n=Count("scores", filter=Q(scores__criterion__in=scored_on)))
        .order_by("programme__name", "pk")
        .values("programme_id", "programme__name", "n")
    )
    if not selected:
        return [
            Item(
                "3",
                "quick_wins",
                MISSING,
                "quick_win_missing",
                _("No quick win is selected yet."),
                _url("programmes:quick_wins", city),
                "programmes.quickwin",
                None,
            )
        ]
    return [
        Item(
            "3",
            "quick_wins",
            MISSING,
            "quick_win_without_scores",
            _("The quick win “%(name)s” is scored on %(n)d of %(total)d criteria.")
            % {"name": q["programme__name"], "n": q["n"], "total": criteria},
            _url("programmes:quick_win_edit", city, q["programme_id"]),
            "programmes.programme",
            q["programme_id"],
        )
        for q in selected
        if q["n"] < criteria
    ]
