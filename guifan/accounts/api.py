from ninja import Router, Schema

from guifan.accounts.selectors import grants_of

router = Router(tags=["accounts"])


class GrantOut(Schema):
    role: str
    role_label: str
    unit_code: str | None


class MeOut(Schema):
    username: str
    name: str | None
    unit_code: str | None
    roles: list[GrantOut]


@router.get("/me", response=MeOut, summary="当前账号与角色")
def me(request):
    user = request.user
    person = user.person
    return {
        "username": user.username,
        "name": person.name if person else None,
        "unit_code": person.unit.code if person else None,
        "roles": [
            {
                "role": g.role,
                "role_label": str(g.get_role_display()),
                "unit_code": g.unit.code if g.unit else None,
            }
            for g in grants_of(user)
        ],
    }
