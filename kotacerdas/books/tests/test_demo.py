"""The Ambon demo's versions: two, with a change between them, once."""

from kotacerdas.books import demo, diff
from kotacerdas.books.models import MasterplanVersion


def test_demo_freezes_two_versions_with_a_change_once(complete, kementerian):
    programme = complete["programmes"][0]
    programme.name = demo.CHANGED_PROGRAMME
    programme.save()
    demo.seed(actor=kementerian, city=complete["city"])
    demo.seed(actor=kementerian, city=complete["city"])
    first, second = MasterplanVersion.objects.order_by("number")
    assert (first.note, second.note) == demo.NOTES
    result = diff.diff(first.snapshot, second.snapshot)
    assert [p["name"] for p in result["programmes"]["changed"]] == [demo.CHANGED_PROGRAMME]
    assert result["budgets"]["total"]["difference"] == demo.EXTRA_BUDGET


def test_demo_without_masterplan_does_nothing(ambon, kementerian):
    demo.seed(actor=kementerian, city=ambon)
    assert not MasterplanVersion.objects.exists()
