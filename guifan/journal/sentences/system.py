"""Sentences for sign-in, accounts and roles, data in and out, files and the journal itself."""

from __future__ import annotations

from guifan.core.roles import Role
from guifan.journal.sentences.base import Names, Payload, count, field_names, plain, says
from guifan.journal.verbs import Verb as V

# What an export or download was, by the "what" its view journaled.
EXPORTS = {
    "import_errors": "导入错误报告",
    "evaluation_forms": "评查登记表（打包）",
    "evaluation_form": "评查登记表（Word）",
    "evaluation_form_pdf": "评查登记表（PDF）",
    "assignments": "评查任务表",
    "draw_batch": "评查案件清单",
    "draw_bundle": "抽取记录包",
    "draw_frame": "抽样框",
    "rectification_items": "整改清单",
    "campaign_gate": "“三个不放过”核对清单",
    "progress": "工作进度表",
    "campaign_statistics": "专项活动统计表",
    "campaign_document": "专项活动总结报告或通报",
    "self_exam_problems": "查遗补缺问题清单",
    "check_findings": "智能辅助评查发现的问题",
}
# Filter names of the ledgers that can be exported.
FILTERS = {
    "q": "关键词",
    "unit": "单位",
    "line": "业务条线",
    "category": "案件类别",
    "year": "年度",
    "status": "状态",
    "supervision": "挂牌督办",
    "evaluated": "评查情况",
    "verb": "操作",
    "actor": "操作人",
    "target": "对象",
    "start": "起始日期",
    "end": "截止日期",
    "campaign": "活动",
}
METHODS = {"GET": "打开", "HEAD": "打开", "POST": "提交", "PUT": "修改", "PATCH": "修改"}


plain(
    {
        V.LOGIN: "登录系统",
        V.LOGOUT: "退出登录",
        V.LOCKOUT: "用户名“{username}”连续登录失败，被锁定",
        V.UNLOCK: "解除{target}的登录锁定（清除失败记录 {cleared} 条）",
        V.PASSWORD_CHANGE: "修改了自己的登录密码",
        V.PASSWORD_RESET: "为{target}重置一次性密码（首次登录须修改）",
        V.ACCOUNT_ACTIVATE: "启用账号{target}",
        V.ACCOUNT_DEACTIVATE: "停用账号{target}",
        V.ATTACHMENT_DOWNLOAD: "下载附件“{target}”",
        V.KB_LOAD: "向知识库载入文档“{target}”",
        V.KB_UPLOAD: "向知识库上传文档“{target}”",
        V.KB_REMOVE: "从知识库移除文档“{target}”",
        V.JOURNAL_CHECKPOINT: "签发审计日志检查点（前 {tree_size} 条记录）",
    }
)


def _role(value) -> str:
    return str(Role(value).label) if value in Role.values else str(value or "—")


def _repeats(p: Payload) -> str:
    """The folded repeats of one minute (one entry for a flood), with a few samples."""
    if not count(p.get("repeats")):
        return ""
    samples = "、".join(str(s) for s in (p.get("samples") or [])[:3])
    return f"；同一分钟内又重复 {p['repeats']} 次" + (f"（如 {samples}）" if samples else "")


@says(V.ACCESS_DENIED)
def _access_denied(target: str, p: Payload, n: Names) -> str:
    action = METHODS.get(str(p.get("method", "")).upper(), "访问")
    times = f"（共 {p['count']} 次）" if count(p.get("count")) > 1 else _repeats(p)
    why = "对象不存在或不在本人权限范围内" if p.get("status") == 404 else "无此权限"
    return f"{action}“{p.get('path', '')}”，{why}，被拒绝{times}"


@says(V.LOGIN_FAILED)
def _login_failed(target: str, p: Payload, n: Names) -> str:
    return f"以用户名“{p.get('username', target)}”登录，密码错误或账号不可用{_repeats(p)}"


@says(V.API_READ)
def _api_read(target: str, p: Payload, n: Names) -> str:
    filters = p.get("filters") or {}
    shown = "，".join(f"{FILTERS.get(k, k)}：{v}" for k, v in filters.items())
    return f"通过接口查询“{p.get('path', target)}”" + (f"（{shown}）" if shown else "")


@says(V.IMPORT_FILE_DELETE)
def _import_file_delete(target: str, p: Payload, n: Names) -> str:
    return f"导入文件“{target}”保存满 {count(p.get('keep_days'))} 天，已删除"


@says(V.WORKER_RESTART)
def _worker_restart(target: str, p: Payload, n: Names) -> str:
    failed = count(p.get("failed_imports"))
    return f"后台任务进程意外退出（退出码 {p.get('exit_code', '—')}），已重启" + (
        f"，{failed} 个进行中的导入标记为失败" if failed else ""
    )


@says(V.ACCOUNT_CREATE)
def _account_create(target: str, p: Payload, n: Names) -> str:
    person = f"，对应人员 {n.person(p['person'])}" if p.get("person") else ""
    return f"新建账号“{p.get('username', target)}”{person}，初始密码须在首次登录时修改"


def _where(p: Payload, n: Names) -> str:
    department = p.get("department") or ""
    return f"（{n.unit(p['unit'])}{department}）" if p.get("unit") else ""


@says(V.ROLE_GRANT)
def _role_grant(target: str, p: Payload, n: Names) -> str:
    return f"授予{target}“{_role(p.get('role'))}”角色{_where(p, n)}"


@says(V.ROLE_REVOKE)
def _role_revoke(target: str, p: Payload, n: Names) -> str:
    return f"撤销{target}的“{_role(p.get('role'))}”角色{_where(p, n)}"


@says(V.IMPORT)
def _import(target: str, p: Payload, n: Names) -> str:
    name = p.get("file") or target
    status = p.get("status")
    if status == "started":
        return f"开始导入“{name}”"
    if status == "failed":
        return f"导入“{name}”中途失败，已完成的批次保留"
    return (
        f"导入“{name}”完成：共 {count(p.get('rows'))} 行，新增 {count(p.get('imported'))}、"
        f"更新 {count(p.get('updated'))}、未变化 {count(p.get('unchanged'))}、"
        f"拒绝 {count(p.get('rejected'))}"
    )


@says(V.EXPORT)
def _export(target: str, p: Payload, n: Names) -> str:
    what = EXPORTS.get(p.get("what", ""), target or "数据")
    rows = f"，共 {count(p['rows'])} 行" if "rows" in p else ""
    case = f"（案件 {p['case']}）" if p.get("case") else ""
    filters = p.get("filters") or {}
    shown = "，".join(f"{FILTERS.get(k, k)}：{v}" for k, v in sorted(filters.items()))
    return f"导出{what}{case}{rows}" + (f"；筛选条件 {shown}" if shown else "")


@says(V.CASE_UPDATE)
def _case_update(target: str, p: Payload, n: Names) -> str:
    return f"导入时更新案件{target}：{field_names('cases.Case', p.get('fields') or [])}"


@says(V.CASE_FLAG_ADD)
def _case_flag_add(target: str, p: Payload, n: Names) -> str:
    return f"为案件{target}添加选案标记“{p.get('kind', '—')}”（{p.get('flagged_on', '—')}）"


@says(V.CASE_FLAG_REMOVE)
def _case_flag_remove(target: str, p: Payload, n: Names) -> str:
    reason = f"，理由：{p['reason']}" if p.get("reason") else ""
    return f"删除案件{target}的选案标记“{p.get('kind', '—')}”{reason}"


@says(V.CASE_EVENT_UPDATE)
def _case_event_update(target: str, p: Payload, n: Names) -> str:
    from guifan.cases.importing.specs import SPECS

    spec = SPECS.get(p.get("table", ""))
    if spec is None:
        return "导入时更新办案过程数据"
    fields = field_names(spec.model._meta.label, p.get("fields") or [])
    if "unit" in p:  # a register keyed by the unit (院辖区)
        return f"导入时更新{p['unit']}的{spec.label}：{fields}"
    if "ref" in p:  # a register keyed by its 登记编号, not a case's record
        return f"导入时更新{spec.label}登记（登记编号 {p['ref']}）：{fields}"
    return f"导入时更新案件的{spec.label}记录（序号 {p.get('seq', '—')}）：{fields}"


@says(V.STAT_REPORT_UPDATE)
def _stat_report_update(target: str, p: Payload, n: Names) -> str:
    fields = field_names("cases.StatReport", p.get("fields") or [])
    return f"导入时更新统计报表“{target}”：{fields}"


@says(V.ATTACHMENT_UPLOAD)
def _attachment_upload(target: str, p: Payload, n: Names) -> str:
    size = count(p.get("size"))
    shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{-(-size // 1024)} KB"
    return f"上传附件“{target}”（{shown}，{n.unit(p.get('unit'))}）"


@says(V.JOURNAL_VERIFY)
def _journal_verify(target: str, p: Payload, n: Names) -> str:
    if p.get("ok"):
        return f"校验审计日志：完整，共 {count(p.get('count'))} 条"
    return f"校验审计日志：发现问题，自序号 {p.get('bad_seq', '—')} 起不符"


@says(V.DEMO_LOAD)
def _demo_load(target: str, p: Payload, n: Names) -> str:
    return (
        f"载入演示数据：{count(p.get('units'))} 个单位、{count(p.get('people'))} 名人员，"
        f"新增案件 {count(p.get('cases_created'))} 件"
    )
