"""The campaign's 登记表 standard: the default rubric the office edits while the campaign is a
draft, and the rubric of every case type with its dimensions and 评查要点."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.draws.access import access_draw_campaign
from guifan.evaluation import workflow
from guifan.evaluation.forms import RubricForm
from guifan.evaluation.rubric_types import TYPES, points_of


def types_of(campaign) -> list[dict]:
    """Per case type: the campaign's current version, or the data it will be made from."""
    rows = []
    for key, data in TYPES.items():
        current = campaign.rubrics.filter(case_type=key).order_by("-version").first()
        points = current.points if current and current.points else points_of(key)
        dimensions = current.dimensions if current else list(points)
        rows.append({
            "label": data["label"], "version": current.version if current else None,
            "dimensions": [(d, points.get(d, [])) for d in dimensions],
        })  # fmt: skip
    return rows


@role_required(Role.OFFICE, Role.INSPECTION)
def rubric_page(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    rubric = workflow.rubric_for(campaign)
    initial = {"scheme": rubric.scheme} | {
        name: "\n".join(getattr(rubric, name)) for name in ("dimensions", "categories", "questions")
    }
    form = RubricForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.rubric_update(campaign=campaign, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("评查登记表标准已保存为新版本。"))
            return redirect("evaluation:rubric", campaign_id=campaign.pk)
    context = {
        "types": types_of(campaign),
        "campaign": campaign,
        "rubric": rubric,
        "form": form,
        "frozen": campaign.status != "draft",
    }
    return render(request, "evaluation/rubric.html", context)
