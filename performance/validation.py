"""Checks on a result's figures, shared by the forms, the admin and the spreadsheet import."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

PERCENTAGE = "percentage"
RATE_PER_10000 = "rate_per_10000"
CURRENCY = "currency"
OTHER = "other"
SCALE = {PERCENTAGE: Decimal(100), RATE_PER_10000: Decimal(10000)}
STORED_PLACES = Decimal("0.000001")


def computed_actual(unit: str, numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """The actual a numerator and denominator give: 100·n/d for a percentage, 10,000·n/d for a rate."""
    if unit not in SCALE or numerator is None or denominator in (None, 0):
        return None
    return (SCALE[unit] * numerator / denominator).quantize(STORED_PLACES, rounding=ROUND_HALF_UP)


def result_errors(*, unit: str, period_end: date, today: date, actual: Decimal | None,
                  numerator: Decimal | None, denominator: Decimal | None) -> dict[str, str]:
    """Problems with a result's figures, as {field: message}; empty when the figures are acceptable."""
    errors: dict[str, str] = {}
    if period_end > today:
        errors["period_end"] = (f"The period ending {period_end:%d %b %Y} has not finished yet; "
                                "results cannot be entered for future periods.")
    if unit not in (CURRENCY, OTHER):
        for field, value in (("actual", actual), ("numerator", numerator), ("denominator", denominator)):
            if value is not None and value < 0:
                errors[field] = f"The {field} cannot be negative ({value})."
    if denominator is not None and denominator == 0:
        errors["denominator"] = "The denominator cannot be zero."
    if (numerator is not None and denominator is not None and unit in SCALE
            and "numerator" not in errors and numerator > denominator):
        errors["numerator"] = f"The numerator ({numerator}) cannot be greater than the denominator ({denominator})."
    if (numerator is None) != (denominator is None) and unit in SCALE:
        missing = "denominator" if denominator is None else "numerator"
        errors.setdefault(missing, f"Give both the numerator and the denominator, or neither "
                                   f"(the {missing} is missing).")
    if unit == PERCENTAGE and actual is not None and not (0 <= actual <= 100) and "actual" not in errors:
        errors["actual"] = f"A percentage must be between 0 and 100 (got {actual})."
    return errors
