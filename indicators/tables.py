import django_tables2 as tables

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
    accountable_officer = tables.Column(accessor="accountable_officer__get_full_name",
                                        verbose_name="Accountable officer",
                                        order_by=("accountable_officer__last_name",))

    class Meta:
        model = Indicator
        fields = ("code", "title", "kind", "directorate", "division", "polarity", "unit", "frequency",
                  "accountable_officer", "status")
        default_columns = ("code", "title", "kind", "directorate", "frequency", "accountable_officer", "status")
        empty_text = "No indicators match these filters."
