import re

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_CLASSES = (
    re.compile(r"[a-z]"),
    re.compile(r"[A-Z]"),
    re.compile(r"[0-9]"),
    re.compile(r"[^a-zA-Z0-9]"),
)


class CharacterClassValidator:
    """At least ``min_classes`` of: lower case, upper case, digits, symbols (等保 §8.1.4.1)."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        present = sum(1 for pattern in _CLASSES if pattern.search(password))
        if present < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。") % {
            "n": self.min_classes
        }


class PasswordHistoryValidator:
    """Not the current password (the one-time password included) nor one of the last
    ``GUIFAN_PASSWORD_HISTORY`` passwords of the account (等保 §8.1.4.1)."""

    def validate(self, password: str, user=None) -> None:
        if user is None or not user.pk:
            return
        # hashers.check_password, not user.check_password: no re-hashing side effect here.
        used = [
            user.password,
            *user.password_history.values_list("password", flat=True)[
                : settings.GUIFAN_PASSWORD_HISTORY
            ],
        ]
        if any(encoded and check_password(password, encoded) for encoded in used):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def get_help_text(self) -> str:
        return _("新密码不能与当前密码（含一次性密码）或最近 %(n)d 次用过的密码相同。") % {
            "n": settings.GUIFAN_PASSWORD_HISTORY
        }
