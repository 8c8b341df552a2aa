"""The system's own answerable data, handed to the knowledge base: the campaign templates
(tracks, dates, headings, areas, look-back questions, the eight problem categories), the
登记表 rubric (dimensions, grades and what they mean) and each campaign as it was set up."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from guifan.campaigns.models import Campaign, ChecklistKind
from guifan.campaigns.templates import TEMPLATES
from guifan.evaluation.models import GradeScheme, Rubric
from guifan.evaluation.rubric import DIMENSION_NOTES, DIMENSIONS, GRADE_DEFINITIONS, QUESTIONS
from guifan.knowledge.models import SourceKind
from guifan.knowledge.registry import Provided, ProvidedPassage, source_provider

CHECKLIST_TEXT = {
    ChecklistKind.HEADING: "查遗补缺从以下方面开展自查",
    ChecklistKind.AREA: "制度创新在以下领域健全制度机制",
    ChecklistKind.QUESTION: "案件评查回头看对每件案件回答以下问题",
    ChecklistKind.CATEGORY: "发现的问题按以下类别登记",
}


def _md(month_day: tuple[int, int]) -> str:
    return f"{month_day[0]}月{month_day[1]}日"


def _checklist(heading: str, kind: str, labels) -> list[ProvidedPassage]:
    title = str(ChecklistKind(kind).label)
    labels = list(labels)
    out = [
        ProvidedPassage(
            (heading, title),
            title,
            f"{CHECKLIST_TEXT[kind]}（共{len(labels)}项）：{'、'.join(labels)}。",
        )
    ]
    if kind == ChecklistKind.CATEGORY:
        out += [
            ProvidedPassage(
                (heading, title), f"{title}第{i}类", f"第{i}类问题：{label}", kind="item"
            )
            for i, label in enumerate(labels, 1)
        ]
    return out


@source_provider
def campaign_templates() -> Iterator[Provided]:
    for template in TEMPLATES.values():
        heading = _("活动模板")
        passages = [
            ProvidedPassage(
                (heading,),
                _("时间安排"),
                f"{template.name}：开始日期为{_md(template.start)}，开展情况报送截止日期为"
                f"{_md(template.report_deadline)}。",
            )
        ]
        passages += [
            ProvidedPassage((heading, _("工作内容")), track.name, f"{track.name}：{track.task}。")
            for track in template.tracks
        ]
        for kind, labels in template.checklists.items():
            passages += _checklist(heading, kind, labels)
        yield Provided(
            key=f"system:template:{template.code}",
            title=f"{_('活动模板')}：{template.name}",
            kind=SourceKind.SYSTEM,
            passages=passages,
            secondary=True,
        )


@source_provider
def rubric_defaults() -> Iterator[Provided]:
    heading = _("案件评查登记表")
    passages = [
        ProvidedPassage(
            (heading,),
            _("评查维度"),
            # Said in full: a passage is shown on its own, without its heading.
            f"{heading}的评查维度（共{len(DIMENSIONS)}项）：{'、'.join(DIMENSIONS)}。",
        )
    ]
    passages += [
        ProvidedPassage(
            (heading, _("评查维度")), name, f"{name}：{DIMENSION_NOTES[name]}。", kind="item"
        )
        for name in DIMENSIONS
    ]
    passages.append(
        ProvidedPassage(
            (heading,), _("回头看问题"), f"复查案件逐案回答四个回头看问题：{'、'.join(QUESTIONS)}。"
        )
    )
    for scheme in GradeScheme:
        passages.append(
            ProvidedPassage(
                (heading, _("等次")), str(scheme.label), f"评查等次标准：{scheme.label}。"
            )
        )
    passages += [
        ProvidedPassage((heading, _("等次")), f"{grade}案件", f"{grade}案件：{text}。", kind="item")
        for grade, text in GRADE_DEFINITIONS.items()
    ]
    yield Provided(
        key="system:rubric",
        title=_("案件评查登记表标准"),
        kind=SourceKind.SYSTEM,
        passages=passages,
    )


def _campaign(campaign: Campaign) -> Provided:
    heading = campaign.name
    passages = [
        ProvidedPassage(
            (heading,),
            _("时间安排"),
            f"{campaign.name}：开始日期为{campaign.start_date:%Y年%-m月%-d日}，开展情况报送截止日期为"
            f"{campaign.report_deadline:%Y年%-m月%-d日}，牵头单位为{campaign.issuing_unit.name}。",
        )
    ]
    passages += [
        ProvidedPassage(
            (heading, _("工作内容")),
            track.name,
            f"{track.name}：{track.task}，截止日期为{track.deadline:%Y年%-m月%-d日}。",
        )
        for track in campaign.tracks.all()
    ]
    for kind in ChecklistKind:
        labels = [item.label for item in campaign.checklist.all() if item.kind == kind]
        if labels:
            passages += _checklist(heading, kind, labels)
    rubric = (
        Rubric.objects.filter(campaign=campaign, case_type="default").order_by("-version").first()
    )
    if rubric is not None:
        passages.append(
            ProvidedPassage(
                (heading, _("案件评查登记表")),
                _("评查标准"),
                f"本活动的案件评查登记表（第{rubric.version}版）采用{rubric.get_scheme_display()}，"
                f"评查维度为：{'、'.join(rubric.dimensions)}。",
            )
        )
    return Provided(
        key=f"campaign:{campaign.pk}",
        title=campaign.name,
        kind=SourceKind.SYSTEM,
        passages=passages,
        campaign_id=campaign.pk,
        secondary=True,
    )


@source_provider
def campaigns() -> Iterator[Provided]:
    rows = Campaign.objects.select_related("issuing_unit").prefetch_related("tracks", "checklist")
    for campaign in rows.order_by("pk"):
        yield _campaign(campaign)
