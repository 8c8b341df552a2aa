from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import DepartmentTasks
from guifan.campaigns.templates import TEMPLATES, THEMES
from guifan.web.forms import StyledFormMixin


class CampaignCreateForm(StyledFormMixin, forms.Form):
    template = forms.ChoiceField(
        label=_("模板"), choices=[(code, t.name) for code, t in TEMPLATES.items()]
    )
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=2016)
    theme = forms.ChoiceField(
        label=_("专项主题（仅专项评查）"),
        choices=[("", _("（不设）")), *THEMES.items()],
        required=False,
    )
    departments = forms.ChoiceField(
        label=_("部门任务"),
        choices=[("", _("（按模板）")), *DepartmentTasks.choices],
        required=False,
        help_text=_("参加的部门各自承担查遗补缺等任务，并有各自的联络员"),
    )


class ProblemForm(StyledFormMixin, forms.Form):
    heading = forms.ModelChoiceField(label=_("自查方面"), queryset=None)
    category = forms.ModelChoiceField(label=_("问题类别"), queryset=None)
    description = forms.CharField(label=_("问题描述"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("责任部门或责任人"), max_length=100)
    measure = forms.CharField(label=_("整改措施"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("整改时限"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["heading"].queryset = campaign.checklist.filter(kind="heading")
        self.fields["category"].queryset = campaign.checklist.filter(kind="category")


class ProblemFilterForm(StyledFormMixin, forms.Form):
    unit = forms.ChoiceField(label=_("单位"), required=False)
    heading = forms.ChoiceField(label=_("自查方面"), required=False)
    category = forms.ChoiceField(label=_("问题类别"), required=False)

    def __init__(self, *args, campaign, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["unit"].choices = everything + [(u.pk, u.short_name) for u in units]
        for kind in ("heading", "category"):
            self.fields[kind].choices = everything + [
                (i.pk, i.label) for i in campaign.checklist.filter(kind=kind)
            ]

    def filters(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v} if self.is_valid() else {}


class PlanForm(StyledFormMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("领域"), queryset=None)
    title = forms.CharField(label=_("名称"), max_length=200)
    summary = forms.CharField(label=_("主要内容"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label=_("牵头部门或责任人"), max_length=100)
    planned_date = forms.DateField(
        label=_("计划出台日期"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = campaign.checklist.filter(kind="area")


class ReportForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("开展情况"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )


class DecisionForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("退回意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
