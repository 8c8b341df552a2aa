"""The 总结报告 and the 通报 as 公文 .docx, assembled from the campaign's statistics.

Every figure in the text is read from the same ``Table`` the 领导驾驶舱 and its .xlsx show,
so the three never disagree. Charts are drawn on the server (charts.py); without a CJK font
the document says that they were left out. The office's own paragraphs (narrative.py) follow
each section's generated one.
"""

from __future__ import annotations

from collections.abc import Callable

from guifan.campaigns.models import Campaign
from guifan.core import clock
from guifan.core.gongwen import fonts_from_settings
from guifan.reports.narrative import DEFAULT_NEXT_STEPS, defaults, lines
from guifan.reports.tables import Table
from guifan.reports.trends import campaign_statistics
from guifan.reports.typical import typical_cases
from guifan.reports.writer import Writer, by_key, nothing, percent, total

Progress = Callable[[int, str], None]
__all__ = ["DEFAULT_NEXT_STEPS", "bulletin_docx", "summary_docx"]


def _texts(narrative: dict | None, next_steps: str) -> dict[str, str]:
    texts = defaults() | (narrative or {})
    if next_steps.strip():
        texts["next_steps"] = next_steps
    return texts


def summary_docx(*, campaign: Campaign, user, next_steps: str = "", narrative: dict | None = None,
                 progress: Progress = nothing) -> bytes:  # fmt: skip
    """The 总结报告 of ``campaign`` with the figures ``user`` sees and the office's text."""
    texts = _texts(narrative, next_steps)
    progress(5, "统计数据")
    stats = by_key(campaign_statistics(campaign=campaign, user=user))
    w = Writer(fonts_from_settings())
    today = clock.today()
    w.title(f"{campaign.name}总结报告", f"{campaign.issuing_unit.name}　{today:%Y年%-m月%-d日}")
    w.texts(lines(texts["opening"]))
    progress(20, "基本情况")
    _basic(w, campaign, stats)
    w.texts(lines(texts["basic"]))
    progress(40, "各项工作")
    _tracks(w, campaign, stats)
    w.texts(lines(texts["tracks"]))
    progress(60, "评查结果")
    _evaluation(w, stats)
    w.texts(lines(texts["evaluation"]))
    progress(75, "问题与整改")
    _problems(w, stats)
    _gate(w, campaign, user, stats["rectification"])
    w.texts(lines(texts["problems"]))
    progress(85, "典型案例")
    _typical(w, campaign, user)
    w.texts(lines(texts["cases"]))
    w.heading("下一步工作")
    w.texts(lines(texts["next_steps"]))
    progress(95, "生成文件")
    return w.bytes()


def _basic(w: Writer, campaign: Campaign, stats: dict[str, Table]) -> None:
    p = stats["progress"]
    units = len(p.rows)
    w.heading("基本情况")
    w.text(
        f"{campaign.name}于{campaign.start_date:%Y年%-m月%-d日}启动，报送截止日期为"
        f"{campaign.report_deadline:%Y年%-m月%-d日}。共有 {units} 个单位参加，"
        f"截至{clock.today():%Y年%-m月%-d日}，各单位应报送工作 {total(p, '应报')} 项，"
        f"已报送 {total(p, '已报')} 项（完成率 {percent(total(p, '已报'), total(p, '应报'))}），"
        f"超期 {total(p, '超期')} 项。"
    )
    trends = stats["trends"]
    w.both(trends)


def _tracks(w: Writer, campaign: Campaign, stats: dict[str, Table]) -> None:
    p = stats["progress"]
    w.heading("各项工作开展情况")
    for track in campaign.tracks.order_by("position"):
        done = total(p, track.name)
        w.text(
            f"{track.name}：{track.task}，截止日期{track.deadline:%Y年%-m月%-d日}，"
            f"{len(p.rows)} 个单位中已报送 {done} 个。"
        )
    w.both(p)
    plans = stats["plans"]
    w.text(
        f"各单位共制定机制建设计划 {total(plans, '合计')} 项，"
        f"其中已出台 {total(plans, '已出台')} 项。"
    )
    w.table(plans)


def _evaluation(w: Writer, stats: dict[str, Table]) -> None:
    by_reason, by_unit = stats["evaluation_reason"], stats["evaluation_unit"]
    evaluated = total(by_reason, "合计")
    w.heading("案件评查情况")
    parts = "，".join(f"{row[0]} {row[-1]} 件" for row in by_reason.rows)
    good = sum(total(by_reason, g) for g in ("优质", "合格") if g in by_reason.columns)
    w.text(
        f"已出评查结果的案件 {evaluated} 件（{parts}），"
        f"优质和合格 {good} 件，优良率 {percent(good, evaluated)}。"
    )
    w.table(by_reason)
    w.both(by_unit)
    recheck = stats["recheck"]
    rechecked, changed = total(recheck, "复查"), total(recheck, "改变原等次")
    if rechecked:
        w.text(
            f"复查案件 {rechecked} 件，改变原评查等次 {changed} 件，"
            f"改判率 {percent(changed, rechecked)}。"
        )
        w.table(recheck)
    _lookback(w, stats["lookback_question"])


def _lookback(w: Writer, questions: Table) -> None:
    answered = total(questions, "合计")
    if not answered:
        return
    parts = "；".join(
        f"“{row[0]}”答“是”{row[1]} 份、“部分”{row[2]} 份、“否”{row[3]} 份" for row in questions.rows
    )
    w.text(f"评查人员对已出结果的案件逐案回答回头看问题，共答复 {answered} 项：{parts}。")
    w.both(questions)


def _findings(w: Writer, rules: Table) -> None:
    found = total(rules, "合计")
    if not found:
        return
    confirmed, dismissed = total(rules, "已确认"), total(rules, "已排除")
    w.text(
        f"智能辅助检查在参加单位的案件中发现疑点 {found} 个，经核实确认 {confirmed} 个、"
        f"排除 {dismissed} 个，尚待核实 {total(rules, '待核实')} 个。"
    )
    w.both(rules)


def _typical(w: Writer, campaign: Campaign, user) -> None:
    w.heading("典型案例")
    cases = typical_cases(campaign=campaign, user=user)
    if not cases:
        w.text("截至目前，评查和智能检查未发现不合格、瑕疵案件或经确认的问题。")
    for number, case in enumerate(cases, 1):
        why = f"主要问题：{case.why}" if case.why else ""
        w.text(f"（{number}）{case.unit}{case.case_no}，{case.verdict}。{why}")


def _problems(w: Writer, stats: dict[str, Table]) -> None:
    by_unit, by_category = stats["problems_unit"], stats["problems_category"]
    rect = stats["rectification"]
    w.heading("发现的问题及整改情况")
    found = total(by_unit, "合计")
    top = sorted(by_category.rows, key=lambda row: -row[-1])[:3]
    leading = "、".join(f"{row[0]}（{row[-1]} 个）" for row in top if row[-1])
    w.text(
        f"通过各种途径共发现问题 {found} 个" + (f"，较为集中的是{leading}。" if leading else "。")
    )
    w.both(by_category)
    w.table(by_unit)
    closed, overdue = total(rect, "已销号"), total(rect, "超期未整改")
    w.text(
        f"列入整改清单的问题 {total(rect, '合计')} 个，已销号 {closed} 个"
        f"（销号率 {percent(closed, total(rect, '合计'))}），超期未整改 {overdue} 个。"
    )
    w.both(rect)
    _findings(w, stats["check_rules"])


def _gate(w: Writer, campaign: Campaign, user, rectification: Table) -> None:
    """三个不放过: what still keeps the campaign from closing, counted (the gate's list of
    every open matter is for the page; at a million cases it is tens of thousands of rows)."""
    from guifan.complaints.models import Complaint, ComplaintStatus
    from guifan.rectification.models import Item, Recurrence

    open_complaints = (
        Complaint.objects.visible_to(user)
        .filter(campaign=campaign)
        .exclude(status=ComplaintStatus.CONCLUDED)
        .count()
    )
    open_items = total(rectification, "合计") - total(rectification, "已销号")
    recurrences = (
        Recurrence.objects.pending()
        .filter(item__in=Item.objects.visible_to(user).filter(campaign=campaign))
        .count()
    )
    if not (open_complaints or open_items or recurrences):
        w.text("“三个不放过”核对：群众反映均已办结，整改问题均已销号，复发问题均已处置。")
        return
    w.text(
        f"“三个不放过”核对：尚有未办结的群众反映 {open_complaints} 件，"
        f"未销号的整改问题 {open_items} 项，未处置的复发问题 {recurrences} 项。"
    )


def bulletin_docx(*, campaign: Campaign, user, next_steps: str = "", narrative: dict | None = None,
                  progress: Progress = nothing) -> bytes:  # fmt: skip
    """The 通报: where each unit stands on today's date, ranked."""
    texts = _texts(narrative, next_steps)
    progress(10, "统计数据")
    stats = by_key(campaign_statistics(campaign=campaign, user=user))
    w = Writer(fonts_from_settings())
    today = clock.today()
    w.title(
        f"关于{campaign.name}进展情况的通报",
        f"{campaign.issuing_unit.name}　{today:%Y年%-m月%-d日}",
    )
    progress(40, "进展与排名")
    p, ranking = stats["progress"], stats["ranking"]
    w.text(
        f"截至{today:%Y年%-m月%-d日}，{len(p.rows)} 个参加单位应报送工作 {total(p, '应报')} 项，"
        f"已报送 {total(p, '已报')} 项，超期 {total(p, '超期')} 项。现将各单位进展情况通报如下。"
    )
    w.heading("各单位综合排名")
    if ranking.rows:
        first, last = ranking.rows[0], ranking.rows[-1]
        w.text(
            f"综合得分最高的是{first[0]}（{first[-2]:.1f} 分），"
            f"最低的是{last[0]}（{last[-2]:.1f} 分）。"
        )
    w.both(ranking)
    w.heading("工作进度")
    w.table(p)
    w.heading("整改情况")
    w.table(stats["rectification"])
    w.heading("工作要求")
    w.texts(lines(texts["next_steps"]))
    progress(95, "生成文件")
    return w.bytes()
