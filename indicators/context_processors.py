from . import roles as role_rules


def roles(request):
    user = request.user
    if not user.is_authenticated:
        return {"is_performance_team": False, "can_enter_results": False, "can_approve": False}
    performance_team = role_rules.is_performance_team(user)
    return {
        "is_performance_team": performance_team,
        "can_enter_results": role_rules.can_enter_results(user),
        "can_approve": performance_team or role_rules.has_role(user, role_rules.DIRECTOR),
    }
