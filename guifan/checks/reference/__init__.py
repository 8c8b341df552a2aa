"""The automated process rules judged case by case (the readable reference, no Django)."""

# The rule modules register their rules on import.
from guifan.checks.reference import (  # noqa: F401
    card,
    custody,
    defence,
    filing,
    flags,
    lawyers,
    measures,
    oversight,
    recording,
    requests,
)
from guifan.checks.reference.base import RULES, Case, Finding, check_case

__all__ = ["RULES", "Case", "Finding", "check_case"]
