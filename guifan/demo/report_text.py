"""A unit's 开展情况 report in the demo, written from the unit's own figures on the day."""

from __future__ import annotations

from django.db.models import Count

from guifan.campaigns.models import Campaign, PlanStatus
from guifan.org.models import Unit


def unit_report(campaign: Campaign, unit: Unit) -> str:
    from guifan.draws.selectors import case_selections
    from guifan.evaluation.models import EvaluationForm
    from guifan.rectification.models import Item

    problems = campaign.problems.filter(unit=unit)
    by_heading = dict(
        problems.values_list("heading__label")
        .annotate(n=Count("pk"))
        .values_list("heading__label", "n")
    )
    plans = campaign.plans.filter(unit=unit)
    by_status = dict(plans.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    drawn = (
        case_selections(campaign=campaign).filter(case__unit=unit).values("case").distinct().count()
    )
    evaluated = EvaluationForm.objects.filter(
        assignment__campaign=campaign, assignment__case__unit=unit, status="final"
    ).count()
    items = Item.objects.filter(campaign=campaign, unit=unit)
    closed = items.filter(status="closed").count()
    headings = "、".join(f"{h}方面{n}个" for h, n in by_heading.items()) or "未发现新问题"
    return "\n".join(
        (
            f"{unit.name}关于开展规范司法行为专项整治“回头看”活动情况的报告",
            "",
            f"一、查遗补缺。我院对照2015年专项整治查摆的问题逐项回头看，共查找问题{problems.count()}个，"
            f"其中{headings}，均已明确责任部门、整改措施和时限。",
            f"二、制度创新。我院共列出机制建设计划{plans.count()}项，已出台"
            f"{by_status.get(PlanStatus.ISSUED, 0) + by_status.get(PlanStatus.REPORTED, 0)}项、"
            f"已报送市院{by_status.get(PlanStatus.REPORTED, 0)}项，"
            f"尚不成熟转入调研{by_status.get(PlanStatus.RESEARCH, 0)}项。",
            f"三、案件评查。市院抽取我院案件{drawn}件，截至目前已评查定案{evaluated}件，"
            "我院指定专人负责调卷和配合评查。",
            f"四、整改落实。列入整改清单的问题{items.count()}个，已销号{closed}个，"
            f"其余{items.count() - closed}个正在整改，我院将按时限逐项销号。",
            "五、下一步工作。继续抓好评查发现问题的整改，巩固“回头看”成果，防止问题反弹。",
        )
    )
