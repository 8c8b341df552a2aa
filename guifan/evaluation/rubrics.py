"""The campaign's 登记表 rubrics, one per case type (``rubric_types.TYPES``), versioned: the
first version of a type is made from the data the first time a case of the type is
evaluated, with the campaign's grade scheme, problem categories and look-back questions
(those of its default rubric, which come from the template); the office may edit a type's
rubric while the campaign is a draft, which makes a new version. A form keeps the version
it was opened with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guifan.campaigns.models import CampaignStatus, ChecklistKind
from guifan.campaigns.services import office_of
from guifan.core import clock
from guifan.evaluation.models import Rubric
from guifan.evaluation.models.forms import GradeScheme
from guifan.evaluation.rubric import QUESTIONS
from guifan.evaluation.rubric_types import TYPES, dimensions_of, points_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb

DEFAULT = "default"


def _current(campaign, case_type: str) -> Rubric | None:
    return campaign.rubrics.filter(case_type=case_type).order_by("-version").first()


def rubric_for(campaign, case_type: str = DEFAULT) -> Rubric:
    """The campaign's current rubric for cases of ``case_type``."""
    case_type = case_type if case_type in TYPES else DEFAULT
    rubric = _current(campaign, case_type)
    if rubric is not None:
        return rubric
    if case_type == DEFAULT:
        checklist = campaign.checklist
        scheme = GradeScheme.Y2018
        categories = list(
            checklist.filter(kind=ChecklistKind.CATEGORY).values_list("label", flat=True)
        )
        questions = list(
            checklist.filter(kind=ChecklistKind.QUESTION).values_list("label", flat=True)
        ) or list(QUESTIONS)
    else:
        base = rubric_for(campaign)
        scheme, categories, questions = base.scheme, base.categories, base.questions
    try:
        with transaction.atomic():
            return Rubric.objects.create(
                campaign=campaign, case_type=case_type, version=1, scheme=scheme,
                dimensions=dimensions_of(case_type), points=points_of(case_type),
                categories=categories, questions=questions, created_at=clock.now(),
            )  # fmt: skip
    except IntegrityError:  # made at the same moment by another request
        return _current(campaign, case_type)


@transaction.atomic
def rubric_update(*, campaign, by, scheme: str, dimensions: list[str], categories: list[str],
                  questions: list[str], case_type: str = DEFAULT) -> Rubric:  # fmt: skip
    """A new version of a type's rubric, only while the campaign is a draft; the 评查要点 of
    the dimensions kept stay with them."""
    office_of(by, campaign)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(_("活动已启动，评查登记表标准已冻结。"))
    if not dimensions or scheme not in GradeScheme.values or case_type not in TYPES:
        raise ValidationError(_("评查维度不能为空，等次标准须为 2018 或 2026。"))
    if any(len(line) > 100 for line in [*dimensions, *categories, *questions]):
        raise ValidationError(_("每一项不能超过 100 个字。"))
    current = rubric_for(campaign, case_type)
    rubric = Rubric.objects.create(
        campaign=campaign, case_type=case_type, version=current.version + 1, scheme=scheme,
        dimensions=dimensions, points={d: current.points.get(d, []) for d in dimensions},
        categories=categories, questions=questions, created_at=clock.now(), created_by=by,
    )  # fmt: skip
    payload = {"version": rubric.version, "type": TYPES[case_type]["label"]}
    record(actor=by, verb=Verb.RUBRIC_UPDATE, target=rubric, payload=payload)
    return rubric
