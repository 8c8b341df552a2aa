"""Every kind of journal entry, in one place, so that auditors read one list."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    # Authentication and account security
    LOGIN = "auth.login", _("登录")
    LOGIN_FAILED = "auth.login_failed", _("登录失败")
    LOCKOUT = "auth.lockout", _("账号锁定")
    UNLOCK = "auth.unlock", _("解除锁定")
    LOGOUT = "auth.logout", _("退出登录")
    PASSWORD_CHANGE = "auth.password_change", _("修改密码")
    PASSWORD_RESET = "auth.password_reset", _("重置密码")
    ACCESS_DENIED = "auth.access_denied", _("越权访问被拒绝")
    # Accounts and roles (三员分立)
    ACCOUNT_CREATE = "account.create", _("新建账号")
    ACCOUNT_ACTIVATE = "account.activate", _("启用账号")
    ACCOUNT_DEACTIVATE = "account.deactivate", _("停用账号")
    ROLE_GRANT = "role.grant", _("授予角色")
    ROLE_REVOKE = "role.revoke", _("撤销角色")
    # Data entering and leaving the system
    IMPORT = "data.import", _("导入数据")
    EXPORT = "data.export", _("导出数据")
    API_READ = "data.api_read", _("通过接口查询数据")
    IMPORT_FILE_DELETE = "data.import_file_delete", _("删除到期的导入文件")
    CASE_UPDATE = "case.update", _("更新案件")
    CASE_EVENT_UPDATE = "case.event_update", _("更新办案过程数据")
    # Campaigns
    CAMPAIGN_CREATE = "campaign.create", _("创建活动")
    CAMPAIGN_START = "campaign.start", _("启动活动")
    CAMPAIGN_CHASE = "campaign.chase_up", _("催办")
    CAMPAIGN_STATUS = "campaign.status", _("活动阶段变更")
    TASK_SUBMIT = "campaign.task_submit", _("报送任务")
    PROBLEM_RECORD = "campaign.problem_record", _("登记自查问题")
    PLAN_CREATE = "campaign.plan_create", _("登记机制建设计划")
    PLAN_STATUS = "campaign.plan_status", _("机制建设计划状态变更")
    REPORT_SAVE = "campaign.report_save", _("保存开展情况草稿")
    REPORT_SUBMIT = "campaign.report_submit", _("报送开展情况")
    REPORT_RETURN = "campaign.report_return", _("退回开展情况报告")
    REPORT_ACCEPT = "campaign.report_accept", _("通过开展情况报告")
    # Draws of cases and evaluators
    DRAW_RULE_UPDATE = "draw.rule_update", _("修改抽取规则")
    DRAW_FREEZE = "draw.freeze", _("冻结抽样框")
    DRAW_COMMIT = "draw.commit", _("提交承诺值")
    DRAW_CLOSE = "draw.close_commitments", _("承诺截止")
    DRAW_REVEAL = "draw.reveal", _("揭示密钥")
    DRAW_REVEAL_REFUSED = "draw.reveal_refused", _("揭示密钥被拒绝")
    DRAW_PUBLIC_VALUE = "draw.public_value", _("录入公开随机值")
    DRAW_RESULT = "draw.result", _("抽取结果")
    DRAW_REDO = "draw.redo", _("重抽")
    DRAW_MANUAL_ADD = "draw.manual_add", _("人工选调库外人员")
    # Evaluation: assignment
    ASSIGN_RUN = "evaluation.assign", _("分配评查任务")
    ASSIGN_MOVE = "evaluation.move", _("人工调整评查任务")
    ASSIGN_CHASE = "evaluation.chase_up", _("催办评查任务")
    CONFLICT_DECLARE = "org.conflict_declare", _("登记回避申报")
    RUBRIC_UPDATE = "evaluation.rubric_update", _("修改评查登记表标准")
    TEAM_CREATE = "evaluation.team_create", _("组建评查组")
    FORM_START = "evaluation.form_start", _("开始评查")
    FORM_SUBMIT = "evaluation.form_submit", _("提交评查登记表")
    FORM_RETURN = "evaluation.form_return", _("退回评查登记表")
    FORM_APPROVE = "evaluation.form_approve", _("复核通过评查登记表")
    FORM_OBJECT = "evaluation.form_object", _("对评查结果提出异议")
    FORM_FINAL = "evaluation.form_final", _("评查结果定案")
    # Complaints from the public
    COMPLAINT_REGISTER = "complaint.register", _("登记群众反映")
    COMPLAINT_LINK = "complaint.link", _("关联自查问题")
    COMPLAINT_ASSIGN = "complaint.assign", _("交办群众反映")
    COMPLAINT_INVESTIGATE = "complaint.investigate", _("保存调查核实情况")
    COMPLAINT_CONCLUDE = "complaint.conclude", _("办结群众反映")
    # Rectification (整改) and the 三个不放过 gate
    RECTIFY_CREATE = "rectification.create", _("列入整改清单")
    RECTIFY_START = "rectification.start", _("开始整改")
    RECTIFY_SUBMIT = "rectification.submit", _("报送整改情况")
    RECTIFY_RETURN = "rectification.return", _("退回整改")
    RECTIFY_CLOSE = "rectification.close", _("整改销号")
    RECTIFY_CHASE = "rectification.chase_up", _("催办整改")
    RECURRENCE_DETECT = "rectification.recurrence", _("发现改后又复发")
    RECURRENCE_HANDLE = "rectification.recurrence_handle", _("处置改后又复发")
    # Automated checks (智能辅助评查)
    CHECKS_RUN = "checks.run", _("运行智能辅助评查")
    FINDING_CONFIRM = "checks.finding_confirm", _("确认检查发现的问题")
    FINDING_DISMISS = "checks.finding_dismiss", _("排除检查发现的问题")
    # Attachments
    ATTACHMENT_UPLOAD = "attachment.upload", _("上传附件")
    ATTACHMENT_DOWNLOAD = "attachment.download", _("下载附件")
    # Knowledge base
    KB_LOAD = "knowledge.load", _("载入知识库文档")
    KB_UPLOAD = "knowledge.upload", _("上传知识库文档")
    KB_REMOVE = "knowledge.remove", _("删除知识库文档")
    # The journal itself and system operations
    JOURNAL_VERIFY = "journal.verify", _("校验审计日志")
    JOURNAL_CHECKPOINT = "journal.checkpoint", _("签发日志检查点")
    DEMO_LOAD = "system.demo_load", _("载入演示数据")
    WORKER_RESTART = "system.worker_restart", _("后台任务进程意外退出后重启")

    @classmethod
    def label_of(cls, value: str) -> str:
        """The Chinese name of a verb, or the stored value of one no longer defined."""
        return str(cls(value).label) if value in cls.values else value
