from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.cases.models import Case
from guifan.cases.numbers import normalise_case_no
from guifan.inquiries import models as m
from guifan.web.forms import StyledFormMixin

DATE = {"type": "date"}


class InquiryForm(StyledFormMixin, forms.ModelForm):
    case_no = forms.CharField(label=_("部门受案号"), max_length=80)
    inquirer_staff_no = forms.CharField(
        label=_("过问人工号"),
        max_length=20,
        required=False,
        help_text=_("过问人是本院或上级院干警时填写；登记后其本人看不到这条记录"),
    )

    class Meta:
        model = m.InquiryRecord
        fields = [
            "stage",
            "occurred_on",
            "inquirer_name",
            "inquirer_unit",
            "inquirer_position",
            "inquirer_contact",
            "category",
            "via",
            "channel",
            "content",
            "behaviour",
            "response",
            "response_note",
            "materials",
            "improper",
            "affected_case",
        ]
        widgets = {
            "occurred_on": forms.DateInput(attrs=DATE),
            "content": forms.Textarea(attrs={"rows": 3}),
            "response_note": forms.Textarea(attrs={"rows": 2}),
            "materials": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "via": _("经由身边工作人员、亲属等转达的，写明转达人"),
            "affected_case": _("已影响案件正常办理的，登记后立即报告纪检监察"),
        }

    field_order = ["case_no"]

    def __init__(self, *args, cases, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cases = cases

    def clean_case_no(self):
        case = self.cases.filter(case_no_norm=normalise_case_no(self.cleaned_data["case_no"]))
        self.case: Case | None = case.select_related("unit").first()
        if self.case is None:
            raise forms.ValidationError(_("找不到这个受案号的案件，或它不是您承办或监督的案件。"))
        return self.cleaned_data["case_no"]

    def fields_for_service(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {
            **data,
            "case": self.case,
            "inquirer_staff_no": self.cleaned_data["inquirer_staff_no"].strip(),
        }


class ReceiveForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("处理意见"), widget=forms.Textarea(attrs={"rows": 3}))


class NotifyForm(StyledFormMixin, forms.Form):
    notice = forms.CharField(
        label=_("通报内容"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("经批准在一定范围内通报的违规干预情况"),
    )


class FileForm(StyledFormMixin, forms.Form):
    zero_confirmed = forms.BooleanField(label=_("本季度没有过问干预情况，零报告"), required=False)
    note = forms.CharField(
        label=_("情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuarterFilterForm(StyledFormMixin, forms.Form):
    quarter = forms.CharField(label=_("季度"), required=False, help_text=_("如 2015q4"))
