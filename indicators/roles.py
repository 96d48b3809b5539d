"""Roles (Django groups) and who may do what with an indicator."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

OFFICER = "Officer"
PERFORMANCE_TEAM = "Performance team"
DIRECTOR = "Director"
PAT_CHAIR = "PAT chair"
DAT_CHAIR = "DAT chair"
MEMBER = "Member"
ROLES = [OFFICER, PERFORMANCE_TEAM, DIRECTOR, PAT_CHAIR, DAT_CHAIR, MEMBER]

_VIEW = ["view_directorate", "view_division", "view_indicator", "view_comparatorseries", "view_comparatorvalue",
         "view_target", "view_result"]
ROLE_PERMISSIONS = {
    OFFICER: [*_VIEW, "add_result", "change_result"],
    DIRECTOR: [*_VIEW, "add_result", "change_result"],
    PERFORMANCE_TEAM: None,  # every permission of the indicators and performance apps
    PAT_CHAIR: _VIEW,
    DAT_CHAIR: _VIEW,
    MEMBER: _VIEW,
}


def ensure_roles(app_config=None, **kwargs):
    """Create the role groups with their model permissions (run after migrate; idempotent)."""
    if app_config is not None and app_config.label != "performance":
        return  # wait until the permissions of both apps exist
    app_perms = Permission.objects.filter(content_type__app_label__in=["indicators", "performance"])
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = app_perms if codenames is None else app_perms.filter(codename__in=codenames)
        group.permissions.set(perms)


def role_names(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names


def has_role(user, *roles: str) -> bool:
    return bool(role_names(user) & set(roles))


def is_performance_team(user) -> bool:
    return user.is_superuser or has_role(user, PERFORMANCE_TEAM)


def editable_indicator_filter(user) -> Q:
    """Which indicators a user may enter results for, as a filter on Indicator."""
    if is_performance_team(user):
        return Q()
    if has_role(user, DIRECTOR):
        return Q(directorate__directors=user) | Q(accountable_officer=user) | Q(division__officers=user)
    if has_role(user, OFFICER):
        return Q(accountable_officer=user) | Q(division__officers=user)
    return Q(pk__in=[])


def editable_indicators(user, queryset=None):
    from .models import Indicator

    queryset = Indicator.objects.all() if queryset is None else queryset
    return queryset.filter(editable_indicator_filter(user)).distinct()


def can_edit_indicator(user, indicator) -> bool:
    if is_performance_team(user):
        return True
    return editable_indicators(user).filter(pk=indicator.pk).exists()


def can_enter_results(user) -> bool:
    return is_performance_team(user) or has_role(user, OFFICER, DIRECTOR)
