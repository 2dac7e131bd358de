from agencies.scoping import access_for


def staff_role(request) -> dict:
    """The signed-in user's role and scope, for the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"staff_role": getattr(user, "staff_role", None), "access": access_for(user)}
