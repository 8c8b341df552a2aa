"""A unit's 开展情况 report pre-filled with its own figures: the template its liaison edits.

Registered with ``campaigns.hooks.on_report_template`` (campaigns does not import reports).
Every figure comes from the statistics the unit page shows, read with the liaison's own
scope, so the template can hold no other unit's numbers.
"""

from __future__ import annotations

from guifan.campaigns.models import Campaign
from guifan.core import clock
from guifan.org.models import Unit
from guifan.reports.grades import evaluation_results
from guifan.reports.selectors import (
    plans_by_unit,
    problem_counts,
    progress_by_unit,
    rectification_by_unit,
)
from guifan.reports.tables import Table

TO_FILL = "（请补充具体做法和成效。）"


def _cells(table: Table, label: str) -> dict:
    row = table.row(label) or [label, *([0] * (len(table.columns) - 1))]
    return dict(zip(table.columns, row, strict=True))


def _drawn(campaign: Campaign, unit: Unit, user) -> int:
    from guifan.draws.selectors import batch_cases

    return batch_cases(campaign=campaign, user=user).filter(unit=unit).count()


def unit_report_template(*, campaign: Campaign, unit: Unit, user) -> str:
    """The report's text with the unit's figures as ``user`` sees them on the unit page."""
    seen = {"campaign": campaign, "user": user, "unit": unit}
    name = unit.short_name
    tasks = _cells(progress_by_unit(**seen), name)
    problems = _cells(problem_counts(**seen)[0], name)
    plans = _cells(plans_by_unit(**seen), name)
    results_table = evaluation_results(**seen)[1]
    results = _cells(results_table, name)
    rect = _cells(rectification_by_unit(**seen), name)
    grades = "、".join(f"{g}{results[g]}件" for g in results_table.columns[1:-2] if results[g])
    today = clock.today()
    return "\n".join((
        f"{unit.name}关于开展{campaign.name}活动情况的报告",
        "",
        f"截至{today:%Y年%-m月%-d日}，我院应报送工作{tasks['应报']}项，已报送{tasks['已报']}项，"
        f"超期{tasks['超期']}项。",
        f"一、查遗补缺。我院共发现问题{problems['合计']}个，均已列入整改清单，明确责任部门、"
        f"整改措施和时限。{TO_FILL}",
        f"二、制度创新。我院共制定机制建设计划{plans['合计']}项，已出台{plans.get('已出台', 0)}项。"
        f"{TO_FILL}",
        f"三、案件评查。市院抽取我院案件{_drawn(campaign, unit, user)}件，已出评查结果"
        f"{results['合计']}件" + (f"（{grades}）" if grades else "") + f"。{TO_FILL}",
        f"四、整改落实。列入整改清单的问题{rect['合计']}个，已销号{rect['已销号']}个，"
        f"超期未整改{rect['超期未整改']}个。{TO_FILL}",
        "五、下一步工作。（请填写。）",
    ))  # fmt: skip
