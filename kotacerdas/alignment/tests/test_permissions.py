"""Every role × every write of the alignment app, allowed and forbidden."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from kotacerdas.alignment import services
from kotacerdas.alignment.models import PlanDocument, PlanItem
from kotacerdas.alignment.tests.factories import PlanItemFactory, ProgrammeLinkFactory

CITY_MANAGERS = {"kementerian", "koordinator"}
# Links follow the programme: the Dinkes operator links the programmes Dinkes leads.
DINKES_PROGRAMME_EDITORS = {"kementerian", "koordinator", "operator_dinkes"}
ROLES = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]


def _empty_workbook():
    book = Workbook()
    book.active.append(["kind", "code", "text", "parent code"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _check(allowed: bool, action):
    if allowed:
        action()
    else:
        with pytest.raises(PermissionDenied):
            action()


@pytest.mark.parametrize("role", ROLES)
def test_plan_document_writes(role, personas, ambon, dinkes, rpjmd):
    user = personas[role]
    allowed = role in CITY_MANAGERS
    _check(
        allowed,
        lambda: services.plan_document_create(
            actor=user, city=ambon, kind=PlanDocument.Kind.RENSTRA, title="Renstra Dinkes", start_year=2017, end_year=2022, opd_id=dinkes
        ),
    )
    _check(allowed, lambda: services.plan_document_update(actor=user, document=rpjmd, title="RPJMD Kota Ambon (perubahan)"))
    _check(allowed, lambda: services.plan_document_delete(actor=user, document=rpjmd))
    assert PlanDocument.objects.filter(pk=rpjmd.pk).exists() is not allowed


@pytest.mark.parametrize("role", ROLES)
def test_plan_item_writes(role, personas, rpjmd_programme):
    user = personas[role]
    allowed = role in CITY_MANAGERS
    document = rpjmd_programme.document
    _check(
        allowed,
        lambda: services.plan_item_create(
            actor=user,
            document=document,
            kind=PlanItem.Kind.ACTIVITY,
            code="1.02.02.2.01",
            text="Penyediaan Fasilitas Pelayanan Kesehatan",
            parent_id=rpjmd_programme,
        ),
    )
    _check(allowed, lambda: services.plan_item_update(actor=user, item=rpjmd_programme, text="Program Upaya Kesehatan"))
    _check(allowed, lambda: services.plan_items_import(actor=user, document=document, file=_empty_workbook()))
    _check(allowed, lambda: services.plan_item_delete(actor=user, item=rpjmd_programme))
    assert PlanItem.objects.filter(pk=rpjmd_programme.pk).exists() is not allowed


@pytest.mark.parametrize("role", ROLES)
def test_link_writes_on_a_dinkes_programme(role, personas, programme_dinkes, rpjmd_programme):
    user = personas[role]
    allowed = role in DINKES_PROGRAMME_EDITORS
    _check(
        allowed,
        lambda: services.programme_link_create(
            actor=user, city=programme_dinkes.masterplan.city, programme_id=programme_dinkes, plan_item_id=rpjmd_programme
        ),
    )
    link = ProgrammeLinkFactory(programme=programme_dinkes, plan_item=PlanItemFactory(document=rpjmd_programme.document, code="1.02.03"))
    _check(allowed, lambda: services.programme_link_delete(actor=user, link=link))


@pytest.mark.parametrize("role", ROLES)
def test_link_writes_on_a_dishub_programme(role, personas, programme_dishub, rpjmd):
    """The Dinkes operator may not align the transport office's programme."""
    user = personas[role]
    allowed = role in CITY_MANAGERS
    item = PlanItemFactory(document=rpjmd, code="2.15.02")
    _check(
        allowed,
        lambda: services.programme_link_create(
            actor=user, city=programme_dishub.masterplan.city, programme_id=programme_dishub, plan_item_id=item
        ),
    )
    link = ProgrammeLinkFactory(programme=programme_dishub, plan_item=PlanItemFactory(document=rpjmd, code="2.15.03"))
    _check(allowed, lambda: services.programme_link_delete(actor=user, link=link))
