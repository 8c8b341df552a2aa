from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.cases.importing.specs import SPECS
from guifan.cases.models import CaseStatus, Supervision
from guifan.cases.selectors import DEFAULT_ORDER, ORDERINGS
from guifan.cases.services import FileRefused, check_upload
from guifan.org.models import BusinessLine
from guifan.web.forms import StyledFormMixin

PAGE_SIZES = (20, 50, 100)
EVALUATED = [
    ("", _("全部")),
    ("yes", _("已评查")),
    ("no", _("未评查")),
    ("province", _("省院评查")),
    ("city", _("市院评查")),
    ("county", _("县区院评查")),
]


class CaseFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"placeholder": _("案件名称或部门受案号")}),
    )
    unit = forms.ChoiceField(label=_("承办单位"), required=False)
    line = forms.ChoiceField(
        label=_("业务条线"), required=False, choices=[("", _("全部")), *BusinessLine.choices]
    )
    category = forms.CharField(
        label=_("案件类别"),
        required=False,
        max_length=50,
        widget=forms.TextInput(
            attrs={
                "list": "case-categories",
                "placeholder": _("如 审查起诉"),
                "title": _("按开头匹配：“审查起诉”可查到“审查起诉(一审)”"),
            }
        ),
    )
    year = forms.IntegerField(label=_("受理年度"), required=False, min_value=1979, max_value=2100)
    status = forms.ChoiceField(
        label=_("案件状态"), required=False, choices=[("", _("全部")), *CaseStatus.choices]
    )
    supervision = forms.ChoiceField(
        label=_("挂牌督办"),
        required=False,
        choices=[("", _("全部")), ("any", _("督办案件")), *Supervision.choices[1:]],
    )
    evaluated = forms.ChoiceField(label=_("评查情况"), required=False, choices=EVALUATED)
    size = forms.TypedChoiceField(
        label=_("每页"),
        required=False,
        coerce=int,
        empty_value=20,
        choices=[(n, n) for n in PAGE_SIZES],
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in ORDERINGS], widget=forms.HiddenInput
    )

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("全部")), *((u.pk, u.short_name) for u in units)]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if v not in ("", None) and k not in ("size", "sort")
        }

    @property
    def order(self) -> str:
        return (self.cleaned_data.get("sort") if self.is_valid() else None) or DEFAULT_ORDER

    @property
    def page_size(self) -> int:
        return (self.cleaned_data.get("size") if self.is_valid() else None) or PAGE_SIZES[0]


class ImportForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("导入内容"), choices=[(kind, spec.label) for kind, spec in SPECS.items()]
    )
    file = forms.FileField(
        label=_("文件"), help_text=_("CSV（UTF-8 或 GBK 编码）或 Excel（.xlsx）")
    )
    sheet = forms.CharField(
        label=_("工作表"),
        required=False,
        max_length=100,
        help_text=_("Excel 文件可指定工作表名，默认第一个"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(name=upload.name, size=upload.size)
        except FileRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload
