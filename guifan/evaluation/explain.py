"""The recusal reasons and the solver's explanations in plain Chinese."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guifan.evaluation.recusal import Recusal, Rule
from guifan.org.models import BusinessLine, Person, Unit

RULES = {
    Rule.OWN_UNIT: gettext_lazy("不评查本单位（%(detail)s）的案件"),
    Rule.INVOLVED: gettext_lazy("本人承办、审核或审批过该案"),
    Rule.DECLARED_PERSON: gettext_lazy("申报了与该案承办或审批人员（%(detail)s）的关系"),
    Rule.DECLARED_CASE: gettext_lazy("申报了与该案的关系"),
    Rule.ORIGINAL_EVALUATOR: gettext_lazy("是该复查案件的原评查人"),
    Rule.SAME_LINE: gettext_lazy("已设置回避本人业务条线（%(detail)s）的案件"),
}
RULE_NAMES = {
    Rule.OWN_UNIT: gettext_lazy("本单位案件"),
    Rule.INVOLVED: gettext_lazy("办理过该案"),
    Rule.DECLARED_PERSON: gettext_lazy("申报的人员关系"),
    Rule.DECLARED_CASE: gettext_lazy("申报的案件关系"),
    Rule.ORIGINAL_EVALUATOR: gettext_lazy("原评查人"),
    Rule.SAME_LINE: gettext_lazy("本人业务条线"),
}


def recusal_text(recusal: Recusal) -> str:
    detail = recusal.detail
    if recusal.rule == Rule.OWN_UNIT:
        unit = Unit.objects.filter(code=detail).first()
        detail = unit.short_name if unit else detail
    elif recusal.rule == Rule.DECLARED_PERSON:
        person = Person.objects.filter(staff_no=detail).first()
        detail = str(person) if person else detail
    elif recusal.rule == Rule.SAME_LINE and detail in BusinessLine.values:
        detail = BusinessLine(detail).label
    return RULES[recusal.rule] % {"detail": detail}


def _units(counts: dict[str, int]) -> str:
    names = dict(Unit.objects.filter(code__in=list(counts)).values_list("code", "short_name"))
    return "、".join(f"{names.get(code, code)} {n} 件" for code, n in sorted(counts.items()))


def _people(ids: list[str], limit: int = 8) -> str:
    names = dict(Person.objects.filter(staff_no__in=ids[:limit]).values_list("staff_no", "name"))
    shown = "、".join(names.get(i, i) for i in ids[:limit])
    return shown + (_("等 %(n)s 人") % {"n": len(ids)} if len(ids) > limit else "")


def explanation_text(item: dict) -> str:
    """One explanation (as stored on the run) as a sentence with what to do about it."""
    kind = item["kind"]
    if kind == "no_eligible":
        reasons = "、".join(
            _("%(rule)s %(n)s 人次") % {"rule": RULE_NAMES[Rule(rule)], "n": n}
            for rule, n in sorted(item["reasons"].items(), key=lambda x: -x[1])
        )
        return _(
            "%(n)s 件案件（%(units)s）没有可以评查的人员，全部评查人员都须回避（%(reasons)s）。"
            "请选调这些单位以外的评查人员，或核对回避申报。"
        ) % {"n": len(item["cases"]), "units": _units(item["units"]), "reasons": reasons}
    if kind == "capacity":
        return _(
            "共需 %(need)s 人次评查，评查人员的上限合计只有 %(cap)s 件。请增加评查人员，"
            "或提高每人上限。"
        ) % {"need": item["need"], "cap": item["capacity"]}
    if kind == "minimum":
        return _("每人下限合计 %(cap)s 件，超过了需要的 %(need)s 人次。请降低每人下限。") % {
            "need": item["need"],
            "cap": item["capacity"],
        }
    if kind == "bottleneck":
        return _(
            "%(units)s（共需 %(need)s 人次）只能由 %(people)s 评查，其他人员都须回避；"
            "这些人员的上限合计只有 %(cap)s 件。请增加这些单位以外的评查人员，"
            "或提高这些人员的上限。"
        ) % {
            "units": _units(item["units"]),
            "need": item["need"],
            "people": _people(list(item["evaluators"])),
            "cap": item["capacity"],
        }
    return _(
        "%(people)s 可以评查的案件不足每人下限 %(min)s 件（其余案件须回避）。"
        "请降低每人下限，或为其设置个人上限。"
    ) % {"people": _people(list(item["evaluators"])), "min": item["capacity"]}
