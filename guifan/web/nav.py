"""The role-aware navigation; later apps add their entries here."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guifan.core.roles import Role
from guifan.core.scoping import Scope
from guifan.knowledge.access import READERS


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user

    def allowed(self, scope: Scope) -> bool:
        return self.roles is None or bool(scope.roles & self.roles)


BUSINESS_OVERSIGHT = frozenset({Role.OFFICE, Role.INSPECTION})
KB_READERS = frozenset(READERS)

NAV = [
    NavItem(_("工作台"), "web:dashboard"),
    NavItem(
        _("组织机构"),
        "org:unit_list",
        BUSINESS_OVERSIGHT | {Role.LIAISON, Role.SYSADMIN, Role.SECADMIN},
    ),
    NavItem(
        _("专项活动"), "campaigns:list", BUSINESS_OVERSIGHT | {Role.LIAISON, Role.DEPT_LIAISON}
    ),
    NavItem(_("随机抽取"), "draws:list", BUSINESS_OVERSIGHT),
    NavItem(_("我的评查任务"), "evaluation:mine", frozenset({Role.EVALUATOR, Role.TEAM_LEAD})),
    NavItem(_("待复核登记表"), "evaluation:reviews", frozenset({Role.TEAM_LEAD})),
    NavItem(_("我的案件评查结果"), "evaluation:results", frozenset({Role.HANDLER})),
    NavItem(
        _("智能辅助评查"),
        "checks:findings",
        BUSINESS_OVERSIGHT | {Role.LIAISON, Role.HANDLER, Role.EVALUATOR, Role.TEAM_LEAD},
    ),
    NavItem(_("流程监控"), "checks:monitor", BUSINESS_OVERSIGHT | {Role.LIAISON, Role.HANDLER}),
    NavItem(_("整改清单"), "rectification:list", BUSINESS_OVERSIGHT | {Role.LIAISON}),
    NavItem(_("群众反映"), "complaints:list", BUSINESS_OVERSIGHT | {Role.LIAISON}),
    NavItem(_("过问案件记录"), "inquiries:list", BUSINESS_OVERSIGHT | {Role.HANDLER}),
    NavItem(_("过问季度报告"), "inquiries:reports", BUSINESS_OVERSIGHT | {Role.LIAISON}),
    NavItem(_("过问案件疑点"), "inquiries:flags", frozenset({Role.INSPECTION})),
    NavItem(_("案件台账"), "cases:ledger", BUSINESS_OVERSIGHT | {Role.LIAISON, Role.HANDLER}),
    NavItem(_("数据导入"), "cases:import", BUSINESS_OVERSIGHT | {Role.LIAISON}),
    NavItem(_("评查人才库"), "org:pool_list", BUSINESS_OVERSIGHT),
    NavItem(_("节假日调整"), "checks:calendar", frozenset({Role.OFFICE})),
    NavItem(_("知识库"), "knowledge:ask", KB_READERS),
    NavItem(_("账号管理"), "accounts:account_list", frozenset({Role.SYSADMIN})),
    NavItem(_("角色授权"), "accounts:grant_list", frozenset({Role.SECADMIN})),
    NavItem(_("审计日志"), "journal:entry_list", frozenset({Role.AUDITADMIN})),
]
