from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.core.forms import write_from_form
from kotacerdas.framework import selectors, services
from kotacerdas.framework.forms import WeightsForm
from kotacerdas.framework.models import EvaluationDimension


def overview(request):
    """The national framework, public and read-only; the ministry sees links to set weights."""
    years = list(selectors.evaluation_years())
    return render(
        request,
        "framework/overview.html",
        {
            "dimensions": selectors.dimensions(),
            "years": years,
            "can_manage": permissions.can_manage_reference(request.user),
            **selectors.catalogues(),
        },
    )


@login_required
def weights_edit(request, year: int | None = None):
    """Set the evaluation weights of a year (a new year when `year` is None): national admins only."""
    permissions.ensure(permissions.can_manage_reference(request.user), "reference.manage")
    current = selectors.evaluation_year_or_404(year) if year is not None else None
    dimensions = EvaluationDimension.objects.all()
    initial = {"source": current.source, **{f"weight_{w.dimension.code}": w.weight for w in current.weights.all()}} if current else {}
    form = WeightsForm(request.POST or None, initial=initial, dimensions=dimensions, with_year=current is None)
    if request.method == "POST":
        saved = write_from_form(
            form,
            lambda data: services.evaluation_weights_set(
                actor=request.user,
                year=current.year if current else data["year"],
                weights=form.weights(),
                source=data["source"],
                new=current is None,
            ),
        )
        if saved:
            messages.success(request, _("The evaluation weights of %(year)s are saved.") % {"year": saved.year})
            return redirect("framework:overview")
    return render(request, "framework/weights_form.html", {"form": form, "current": current})
