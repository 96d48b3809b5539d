from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from indicators.models import Indicator
from indicators.roles import is_performance_team

from .. import services
from ..forms import AnnualTargetForm
from ..models import Target


class AnnualTargetView(View):
    """The performance team sets a year's target and floor (or thresholds) once for all its periods."""

    template_name = "performance/annual_target.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_performance_team(request.user):
            raise PermissionDenied("Only the performance team sets targets.")
        self.indicator = get_object_or_404(Indicator, code=kwargs["code"])
        this_year = timezone.localdate().year
        self.years = [(year, self.indicator.year_label(year)) for year in range(this_year + 1, this_year - 11, -1)]
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, code):
        return self.render(AnnualTargetForm(indicator=self.indicator, years=self.years,
                                            initial={"year": self.years[1][0]}))

    def post(self, request, code):
        form = AnnualTargetForm(request.POST, indicator=self.indicator, years=self.years)
        if not form.is_valid():
            return self.render(form, status=400)
        values = {k: v for k, v in form.cleaned_data.items() if k != "year"}
        year = form.cleaned_data["year"]
        targets = services.set_annual_target(self.indicator, year, request.user, **values)
        messages.success(request, f"Set for {len(targets)} period(s) of {self.indicator.year_label(year)}.")
        return redirect(self.indicator)

    def render(self, form, status=200):
        targets = Target.objects.filter(indicator=self.indicator).order_by("-period_end")[:12]
        return render(self.request, self.template_name, {"form": form, "indicator": self.indicator,
                                                          "targets": targets, "title": "Set a yearly target"},
                      status=status)
