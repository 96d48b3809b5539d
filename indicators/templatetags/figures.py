from django import template

from indicators.formatting import format_value

register = template.Library()


@register.simple_tag
def figure(value, indicator, with_unit=True):
    """A value written as readers see it, at the indicator's precision and with its unit."""
    return format_value(value, indicator.unit, indicator.decimal_places, with_unit)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def person(user, fallback="–"):
    """A user's full name, else username; the fallback when there is no user (e.g. made by a command)."""
    if user is None or user == "":
        return fallback
    return user.get_full_name() or user.username
