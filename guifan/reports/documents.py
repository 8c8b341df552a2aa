"""The 总结报告 and the 通报 as 公文 .docx, assembled from the campaign's statistics.

Every figure in the text is read from the same ``Table`` the 领导驾驶舱 and its .xlsx show,
so the three never disagree. Charts are drawn on the server (charts.py); without a CJK font
the document says that they were left out.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from guifan.campaigns.models import Campaign
from guifan.core import clock
from guifan.core.gongwen import (
    TEXT_WIDTH_MM,
    TITLE_PT,
    Fonts,
    document_bytes,
    fonts_from_settings,
    new_document,
    paragraph,
    table,
)
from guifan.reports.charts import chart_png, cjk_font
from guifan.reports.tables import Table
from guifan.reports.trends import campaign_statistics

Progress = Callable[[int, str], None]
NUMERALS = "一二三四五六七八九十"
DEFAULT_NEXT_STEPS = (
    "督促各单位对尚未销号的问题逐项整改，逐一核查销号；对超期未整改的问题挂牌督办。"
    "对评查中发现的典型问题剖析原因，完善制度机制，防止改后又复发。"
)


def _nothing(percent: int, step: str) -> None:
    pass


class _Writer:
    """Headings numbered 一、二、…, paragraphs, tables and charts in 公文 style."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.document = new_document(fonts)
        self.sections = 0
        self.charts = 0
        self.charts_missing = False

    def title(self, text: str, subtitle: str) -> None:
        paragraph(self.document, text, self.fonts, size=TITLE_PT, font_name=self.fonts.title,
                  align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        paragraph(self.document, subtitle, self.fonts, align=WD_ALIGN_PARAGRAPH.CENTER)

    def heading(self, text: str) -> None:
        self.sections += 1
        numbered = f"{NUMERALS[self.sections - 1]}、{text}"
        paragraph(self.document, numbered, self.fonts, font_name=self.fonts.heading)

    def text(self, value: str) -> None:
        added = paragraph(self.document, value, self.fonts)
        added.paragraph_format.first_line_indent = Mm(11)  # two characters of 3号

    def table(self, stat: Table) -> None:
        paragraph(self.document, stat.title, self.fonts, font_name=self.fonts.heading, size=14,
                  align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        # The label column as wide as its longest label (about 4.3 mm a character), within limits.
        longest = max((len(str(row[0])) for row in stat.rows), default=4)
        first = min(64, max(24, 4.3 * longest + 4)) if len(stat.columns) > 2 else TEXT_WIDTH_MM / 2
        rest = (TEXT_WIDTH_MM - first) / (len(stat.columns) - 1)
        rows = [stat.columns, *([_cell(v) for v in row] for row in stat.rows)]
        table(self.document, rows, self.fonts, [first, *([rest] * (len(stat.columns) - 1))])
        if stat.note:
            paragraph(self.document, f"注：{stat.note}", self.fonts, size=10.5)

    def chart(self, stat: Table) -> None:
        png = chart_png(stat.chart_data()) if stat.rows else None
        if png is None:
            self.charts_missing = self.charts_missing or (bool(stat.rows) and cjk_font() is None)
            return
        import io

        self.document.add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM))
        self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.charts += 1

    def both(self, stat: Table) -> None:
        self.chart(stat)
        self.table(stat)

    def bytes(self) -> bytes:
        if self.charts_missing:
            self.text("（服务器未安装中文字体，本报告未附统计图，数据见各表。）")
        return document_bytes(self.document)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _by_key(tables: list[Table]) -> dict[str, Table]:
    return {t.key: t for t in tables}


def _sum(stat: Table, column: str) -> int:
    return sum(v for v in stat.column(column) if isinstance(v, int))


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def summary_docx(*, campaign: Campaign, user, next_steps: str = "",
                 progress: Progress = _nothing) -> bytes:  # fmt: skip
    """The 总结报告 of ``campaign`` with the figures ``user`` sees."""
    progress(5, "统计数据")
    stats = _by_key(campaign_statistics(campaign=campaign, user=user))
    w = _Writer(fonts_from_settings())
    today = clock.today()
    w.title(f"{campaign.name}总结报告", f"{campaign.issuing_unit.name}　{today:%Y年%-m月%-d日}")
    progress(20, "基本情况")
    _basic(w, campaign, stats)
    progress(40, "各项工作")
    _tracks(w, campaign, stats)
    progress(60, "评查结果")
    _evaluation(w, stats)
    progress(80, "问题与整改")
    _problems(w, stats)
    _gate(w, campaign, user, stats["rectification"])
    w.heading("下一步工作")
    for line in (next_steps or DEFAULT_NEXT_STEPS).splitlines():
        if line.strip():
            w.text(line.strip())
    progress(95, "生成文件")
    return w.bytes()


def _basic(w: _Writer, campaign: Campaign, stats: dict[str, Table]) -> None:
    p = stats["progress"]
    units = len(p.rows)
    w.heading("基本情况")
    w.text(
        f"{campaign.name}于{campaign.start_date:%Y年%-m月%-d日}启动，报送截止日期为"
        f"{campaign.report_deadline:%Y年%-m月%-d日}。共有 {units} 个单位参加，"
        f"截至{clock.today():%Y年%-m月%-d日}，各单位应报送工作 {_sum(p, '应报')} 项，"
        f"已报送 {_sum(p, '已报')} 项（完成率 {_rate(_sum(p, '已报'), _sum(p, '应报'))}），"
        f"超期 {_sum(p, '超期')} 项。"
    )
    trends = stats["trends"]
    w.both(trends)


def _tracks(w: _Writer, campaign: Campaign, stats: dict[str, Table]) -> None:
    p = stats["progress"]
    w.heading("各项工作开展情况")
    for track in campaign.tracks.order_by("position"):
        done = _sum(p, track.name)
        w.text(
            f"{track.name}：{track.task}，截止日期{track.deadline:%Y年%-m月%-d日}，"
            f"{len(p.rows)} 个单位中已报送 {done} 个。"
        )
    w.both(p)
    plans = stats["plans"]
    w.text(
        f"各单位共制定机制建设计划 {_sum(plans, '合计')} 项，"
        f"其中已出台 {_sum(plans, '已出台')} 项。"
    )
    w.table(plans)


def _evaluation(w: _Writer, stats: dict[str, Table]) -> None:
    by_reason, by_unit = stats["evaluation_reason"], stats["evaluation_unit"]
    total = _sum(by_reason, "合计")
    w.heading("案件评查情况")
    parts = "，".join(f"{row[0]} {row[-1]} 件" for row in by_reason.rows)
    good = sum(_sum(by_reason, g) for g in ("优质", "合格") if g in by_reason.columns)
    w.text(
        f"已出评查结果的案件 {total} 件（{parts}），"
        f"优质和合格 {good} 件，优良率 {_rate(good, total)}。"
    )
    w.table(by_reason)
    w.both(by_unit)
    recheck = stats["recheck"]
    rechecked, changed = _sum(recheck, "复查"), _sum(recheck, "改变原等次")
    if rechecked:
        w.text(
            f"复查案件 {rechecked} 件，改变原评查等次 {changed} 件，"
            f"改判率 {_rate(changed, rechecked)}。"
        )
        w.table(recheck)


def _problems(w: _Writer, stats: dict[str, Table]) -> None:
    by_unit, by_category = stats["problems_unit"], stats["problems_category"]
    rect = stats["rectification"]
    w.heading("发现的问题及整改情况")
    found = _sum(by_unit, "合计")
    top = sorted(by_category.rows, key=lambda row: -row[-1])[:3]
    leading = "、".join(f"{row[0]}（{row[-1]} 个）" for row in top if row[-1])
    w.text(
        f"通过各种途径共发现问题 {found} 个" + (f"，较为集中的是{leading}。" if leading else "。")
    )
    w.both(by_category)
    w.table(by_unit)
    closed, overdue = _sum(rect, "已销号"), _sum(rect, "超期未整改")
    w.text(
        f"列入整改清单的问题 {_sum(rect, '合计')} 个，已销号 {closed} 个"
        f"（销号率 {_rate(closed, _sum(rect, '合计'))}），超期未整改 {overdue} 个。"
    )
    w.both(rect)


def _gate(w: _Writer, campaign: Campaign, user, rectification: Table) -> None:
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
    open_items = _sum(rectification, "合计") - _sum(rectification, "已销号")
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


def bulletin_docx(*, campaign: Campaign, user, next_steps: str = "",
                  progress: Progress = _nothing) -> bytes:  # fmt: skip
    """The 通报: where each unit stands on today's date, ranked."""
    progress(10, "统计数据")
    stats = _by_key(campaign_statistics(campaign=campaign, user=user))
    w = _Writer(fonts_from_settings())
    today = clock.today()
    w.title(
        f"关于{campaign.name}进展情况的通报",
        f"{campaign.issuing_unit.name}　{today:%Y年%-m月%-d日}",
    )
    progress(40, "进展与排名")
    p, ranking = stats["progress"], stats["ranking"]
    w.text(
        f"截至{today:%Y年%-m月%-d日}，{len(p.rows)} 个参加单位应报送工作 {_sum(p, '应报')} 项，"
        f"已报送 {_sum(p, '已报')} 项，超期 {_sum(p, '超期')} 项。现将各单位进展情况通报如下。"
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
    for line in (next_steps or DEFAULT_NEXT_STEPS).splitlines():
        if line.strip():
            w.text(line.strip())
    progress(95, "生成文件")
    return w.bytes()
