from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.core.errors import ServiceError
from kotacerdas.framework import selectors, services
from kotacerdas.framework.forms import WeightsForm
from kotacerdas.framework.models import EvaluationDimension, EvaluationYear


def overview(request):
    """The national framework, public and read-only; the ministry sees links to set weights."""
    years = list(selectors.evaluation_years())
    return render(request, "framework/overview.html", {
        "dimensions": selectors.dimensions(),
        "years": years,
        "can_manage": permissions.can_manage_reference(request.user),
        **selectors.catalogues(),
    })


@login_required
def weights_edit(request, year: int | None = None):
    """Set the evaluation weights of a year (a new year when `year` is None): national admins only."""
    permissions.ensure(permissions.can_manage_reference(request.user), "reference.manage")
    current = selectors.evaluation_year_or_404(year) if year is not None else None
    dimensions = EvaluationDimension.objects.all()
    initial = {"source": current.source, **{f"weight_{w.dimension.code}": w.weight for w in current.weights.all()}} if current else {}
    form = WeightsForm(request.POST or None, initial=initial, dimensions=dimensions, with_year=current is None)
    if request.method == "POST" and form.is_valid():
        target = current.year if current else form.cleaned_data["year"]
        if current is None and EvaluationYear.objects.filter(year=target).exists():
            form.add_error("year", _("%(year)s already has weights: change them from the framework page.") % {"year": target})
            return render(request, "framework/weights_form.html", {"form": form, "current": current})
        try:
            services.evaluation_weights_set(
                actor=request.user, year=target, weights=form.weights(), source=form.cleaned_data["source"]
            )
        except ServiceError as exc:
            form.add_error("year" if exc.field == "year" and current is None else None, exc.message)
        else:
            messages.success(request, _("The evaluation weights of %(year)s are saved.") % {"year": target})
            return redirect("framework:overview")
    return render(request, "framework/weights_form.html", {"form": form, "current": current})
