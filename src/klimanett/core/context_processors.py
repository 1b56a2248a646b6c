from django.http import HttpRequest

from klimanett.core.roles import is_editor, is_secretariat


def roles(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    return {"is_secretariat": is_secretariat(user), "is_editor": is_editor(user)}
