"""How a figure is written for readers: "85.0%", "1,366", "£2,500", "310 days" (rates are plain: "35.2")."""

from decimal import ROUND_HALF_UP, Decimal

SUFFIX = {"percentage": "%", "days": " days"}


def format_value(value, unit: str, decimal_places: int | None, with_unit: bool = True) -> str:
    if value is None or value == "":  # "" is what a template gives for a missing value
        return "–"
    value = Decimal(str(value))
    if decimal_places is not None:
        value = value.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
        text = f"{value:,.{decimal_places}f}"
    else:
        text = f"{value.normalize():,f}"
    if not with_unit:
        return text
    if unit == "currency":
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    return text + SUFFIX.get(unit, "")
