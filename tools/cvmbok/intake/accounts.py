"""Editor accounts: Django users whose user name is an editor code, password hashed with Argon2."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ..errors import UsageError


def add(code: str, password: str) -> None:
    """Create the editor, or set a new password for an existing one."""
    user = User.objects.filter(username=code).first() or User(username=code)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise UsageError("password refused: " + " ".join(exc.messages)) from exc
    user.set_password(password)
    user.save()


def remove(code: str) -> bool:
    deleted, _ = User.objects.filter(username=code).delete()
    return deleted > 0


def codes() -> list[str]:
    return sorted(User.objects.values_list("username", flat=True))
