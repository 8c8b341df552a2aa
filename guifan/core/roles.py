"""The roles of PRODUCT.md; a user holds one or more, each at a unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("专项整治办")
    INSPECTION = "inspection", _("纪检监察")
    LIAISON = "liaison", _("单位联络员")
    # A liaison of one department of a unit: its own campaign tasks only (core.scoping).
    DEPT_LIAISON = "dept_liaison", _("部门联络员")
    EVALUATOR = "evaluator", _("评查员")
    TEAM_LEAD = "team_lead", _("评查组长")
    HANDLER = "handler", _("承办检察官")
    SYSADMIN = "sysadmin", _("系统管理员")
    SECADMIN = "secadmin", _("安全管理员")
    AUDITADMIN = "auditadmin", _("审计管理员")


# 三员分立: an account holding one of these holds nothing else (GOV-IT-EXPECTATIONS.md §1.2).
ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN})

# Roles that see a whole unit's business data: the unit and everything under it, or only it.
OVERSIGHT_ROLES = frozenset({Role.OFFICE, Role.INSPECTION})
UNIT_ROLES = frozenset({Role.LIAISON})
# Roles whose grant must name the unit it applies to.
ROLES_NEEDING_UNIT = OVERSIGHT_ROLES | UNIT_ROLES | {Role.DEPT_LIAISON}
