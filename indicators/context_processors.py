from . import roles as role_rules


def roles(request):
    user = request.user
    if not user.is_authenticated:
        return {"is_performance_team": False, "can_enter_results": False}
    return {
        "is_performance_team": role_rules.is_performance_team(user),
        "can_enter_results": role_rules.can_enter_results(user),
    }
