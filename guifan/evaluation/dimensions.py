"""Each dimension of the rubric is concluded on the form: either findings, or 未发现问题
ticked by the evaluator (stored as such, never inferred from there being no finding); a
score per dimension where the deployment uses scores (GUIFAN_EVALUATION_SCORES)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SCORE = 100


def clean_clear(rubric, clear: list[str]) -> list[str]:
    """The dimensions declared 未发现问题, in the rubric's order; unknown ones refused."""
    unknown = [d for d in clear if d not in rubric.dimensions]
    if unknown:
        raise ValidationError(
            _("评查维度不在本登记表标准中：%(d)s。") % {"d": "、".join(map(str, unknown))}
        )
    return [d for d in rubric.dimensions if d in set(clear)]


def clean_scores(rubric, scores: dict) -> dict[str, int]:
    """Scores per dimension (0–100), only where the deployment scores; blanks dropped."""
    given = {d: v for d, v in scores.items() if v not in (None, "")}
    if not given:
        return {}
    if not settings.GUIFAN_EVALUATION_SCORES:
        raise ValidationError(_("本系统未启用维度评分。"))
    cleaned = {}
    for dimension, value in given.items():
        if dimension not in rubric.dimensions:
            raise ValidationError(_("评查维度不在本登记表标准中：%(d)s。") % {"d": dimension})
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= MAX_SCORE:
            raise ValidationError(
                _("“%(d)s”的得分须为 0 到 %(m)s 的整数。") % {"d": dimension, "m": MAX_SCORE}
            )
        cleaned[dimension] = number
    return cleaned


def dimension_problems(rubric, clear: list[str], found: set[str]) -> list[str]:
    """What stops a submit: a dimension with neither a finding nor 未发现问题, or both."""
    problems = []
    silent = [d for d in rubric.dimensions if d not in found and d not in clear]
    if silent:
        problems.append(
            _("以下评查维度既未记录问题，也未标明“未发现问题”：%(d)s") % {"d": "、".join(silent)}
        )
    both = [d for d in rubric.dimensions if d in found and d in clear]
    if both:
        problems.append(_("以下评查维度标明“未发现问题”却记有问题：%(d)s") % {"d": "、".join(both)})
    return problems


def conclusions(form) -> list[dict]:
    """Each dimension of the form's rubric with its 评查要点, findings, 未发现问题 and score,
    for the page and the 登记表."""
    findings = list(form.findings.all())
    return [
        {
            "dimension": d,
            "points": form.rubric.points.get(d, []),
            "findings": [f for f in findings if f.dimension == d],
            "clear": d in (form.clear_dimensions or []),
            "score": (form.scores or {}).get(d),
        }
        for d in form.rubric.dimensions
    ]
