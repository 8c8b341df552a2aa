from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.org.models import Relation
from guifan.web.forms import StyledFormMixin


class RunForm(StyledFormMixin, forms.Form):
    key_need = forms.IntegerField(
        label=_("重点评查每案评查人数"), min_value=1, max_value=5, initial=2
    )
    min_load = forms.IntegerField(
        label=_("每人下限"), min_value=0, required=False, help_text=_("留空则按案件数均衡确定")
    )
    max_load = forms.IntegerField(
        label=_("每人上限"), min_value=1, required=False, help_text=_("留空则按案件数均衡确定")
    )
    same_line = forms.BooleanField(label=_("回避本人业务条线的案件"), required=False)
    discard_moves = forms.BooleanField(
        label=_("撤销人工调整"),
        required=False,
        help_text=_("已有人工调整时，须勾选才会重新分配"),
    )
    caps = forms.CharField(
        label=_("个人上限"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一人：工号 上限，如“9801040012 20”"),
    )

    def clean_caps(self) -> dict[str, int]:
        caps = {}
        for number, line in enumerate(self.cleaned_data["caps"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 2 or not parts[1].isdigit():
                raise forms.ValidationError(
                    _("第 %(n)s 行应为“工号 上限”，如“9801040012 20”。") % {"n": number}
                )
            caps[parts[0]] = int(parts[1])
        return caps

    def clean(self):
        data = super().clean()
        lo, hi = data.get("min_load"), data.get("max_load")
        if lo is not None and hi is not None and lo > hi:
            raise forms.ValidationError(_("每人下限不能大于上限。"))
        return data


class MoveForm(StyledFormMixin, forms.Form):
    to = forms.CharField(label=_("改由（工号）"), max_length=20)
    reason = forms.CharField(label=_("调整理由"), max_length=200)


class WhyNotForm(StyledFormMixin, forms.Form):
    evaluator = forms.CharField(label=_("评查人员工号"), max_length=20)
    case = forms.CharField(label=_("部门受案号"), max_length=80)


class ConflictForm(StyledFormMixin, forms.Form):
    person = forms.CharField(label=_("申报人工号"), max_length=20)
    other = forms.CharField(label=_("相关人员工号"), max_length=20, required=False)
    case_no = forms.CharField(label=_("或相关案件部门受案号"), max_length=80, required=False)
    relation = forms.ChoiceField(label=_("关系"), choices=Relation.choices)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RubricForm(StyledFormMixin, forms.Form):
    scheme = forms.ChoiceField(label=_("等次标准"))
    dimensions = forms.CharField(
        label=_("评查维度（每行一项）"), widget=forms.Textarea(attrs={"rows": 9})
    )
    categories = forms.CharField(
        label=_("问题类别（每行一项）"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    questions = forms.CharField(
        label=_("回头看问题（每行一项，复查案件必答）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        from guifan.evaluation.models import GradeScheme

        super().__init__(*args, **kwargs)
        self.fields["scheme"].choices = GradeScheme.choices

    def clean(self):
        data = super().clean()
        for name in ("dimensions", "categories", "questions"):
            data[name] = _lines(data.get(name) or "")
        return data


class TeamForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("评查组名称"), max_length=50)
    lead = forms.CharField(label=_("组长工号"), max_length=20)
    members = forms.CharField(
        label=_("组员工号"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("用空格、逗号或换行分隔"),
    )

    def clean_members(self) -> list[str]:
        return [
            no
            for no in self.cleaned_data["members"].replace(",", " ").replace("，", " ").split()
            if no
        ]


class PeriodForm(StyledFormMixin, forms.Form):
    start = forms.DateField(label=_("评查开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("评查结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    cases_per_day = forms.IntegerField(
        label=_("每人每个工作日评查件数"), min_value=1, max_value=20,
        help_text=_("分到的案件超过“工作日数 × 每日件数”时提示，人工调整时拒绝"),
    )  # fmt: skip
    mode = forms.ChoiceField(label=_("评查方式"))

    def __init__(self, *args, **kwargs) -> None:
        from guifan.evaluation.models import EvaluationMode

        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = EvaluationMode.choices
