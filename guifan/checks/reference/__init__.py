"""The automated process rules judged case by case (the readable reference, no Django)."""

from guifan.checks.reference import custody, lawyers, recording  # noqa: F401  (registration)
from guifan.checks.reference.base import RULES, Case, Finding, check_case

__all__ = ["RULES", "Case", "Finding", "check_case"]
