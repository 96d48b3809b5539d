import django_tables2 as tables
from django.template.loader import render_to_string

from .formatting import format_value
from .models import Indicator


class BaseTable(tables.Table):
    """A table showing its Meta.default_columns unless the reader asks for others (?columns=a,b)."""

    def __init__(self, *args, columns: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        shown = columns or getattr(self.Meta, "default_columns", None)
        if shown:
            for name in self.columns.names():
                if name not in shown:
                    self.columns.hide(name)


class IndicatorTable(BaseTable):
    code = tables.Column(linkify=True)
    title = tables.Column(linkify=True, verbose_name="Indicator")
    rag = tables.Column(accessor="as_at_rag", verbose_name="RAG", default="")
    direction = tables.Column(accessor="as_at_direction", verbose_name="Direction of travel", default="")
    current = tables.Column(accessor="as_at_actual", verbose_name="Current", attrs={"td": {"class": "num"}},
                            default="–")
    period = tables.DateColumn(accessor="as_at_period_end", verbose_name="Period ending", format="M Y")
    accountable_officer = tables.Column(accessor="accountable_officer__get_full_name",
                                        verbose_name="Accountable officer",
                                        order_by=("accountable_officer__last_name",))

    class Meta:
        model = Indicator
        fields = ("code", "title", "kind", "directorate", "division", "rag", "direction", "current", "period",
                  "polarity", "unit", "frequency", "accountable_officer", "status")
        default_columns = ("code", "title", "directorate", "kind", "rag", "direction", "current", "period",
                           "accountable_officer")
        empty_text = "No indicators match these filters."

    def render_rag(self, value, record):
        if record.kind != Indicator.Kind.KPI:
            return "Not rated (activity)"
        return render_to_string("dashboards/_rag.html", {"rag": value or "NO_DATA"})

    def render_direction(self, value, record):
        if record.kind != Indicator.Kind.KPI:
            return ""
        return render_to_string("dashboards/_direction.html", {"direction": value})

    def render_current(self, value, record):
        return format_value(value, record.unit, record.decimal_places)

    def value_rag(self, value, record):
        return value or ""

    def value_direction(self, value, record):
        return value or ""

    def value_current(self, value, record):
        return "" if value is None else value
