from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.cases.models import Case
from guifan.cases.numbers import normalise_case_no
from guifan.complaints.models import Channel, ComplaintStatus, Conclusion
from guifan.org.models import Person
from guifan.rectification.forms import category_choices
from guifan.web.forms import StyledFormMixin


class ComplaintForm(StyledFormMixin, forms.Form):
    campaign = forms.ModelChoiceField(label=_("所属活动"), queryset=None)
    unit = forms.ModelChoiceField(label=_("被反映单位"), queryset=None)
    received_on = forms.DateField(
        label=_("收到日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    channel = forms.ChoiceField(label=_("渠道"), choices=Channel.choices)
    complainant = forms.CharField(
        label=_("反映人"), max_length=100, required=False, help_text=_("可匿名")
    )
    about = forms.CharField(label=_("被反映人员或案件"), max_length=200, required=False)
    case_no = forms.CharField(
        label=_("涉及案件的部门受案号"), max_length=80, required=False, help_text=_("可不填")
    )
    staff_no = forms.CharField(
        label=_("被反映人员工号"), max_length=30, required=False, help_text=_("可不填")
    )
    content = forms.CharField(label=_("反映内容"), widget=forms.Textarea(attrs={"rows": 4}))
    problem = forms.ModelChoiceField(
        label=_("关联的自查问题"), queryset=None, required=False, empty_label=_("（暂不关联）")
    )

    def __init__(self, *args, campaigns, units, problems, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
        self.fields["unit"].queryset = units
        self.fields["problem"].queryset = problems
        if len(campaigns) == 1:
            self.fields["campaign"].initial = campaigns[0]

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        if unit is None:
            return data
        data["case"] = data["person"] = None
        if data.get("case_no"):
            data["case"] = Case.objects.filter(
                unit=unit, case_no_norm=normalise_case_no(data["case_no"])
            ).first()
            if data["case"] is None:
                self.add_error("case_no", _("被反映单位没有这个受案号的案件。"))
        if data.get("staff_no"):
            data["person"] = Person.objects.filter(unit=unit, staff_no=data["staff_no"]).first()
            if data["person"] is None:
                self.add_error("staff_no", _("被反映单位没有这个工号的人员。"))
        return data

    def fields_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("case_no", None)
        data.pop("staff_no", None)
        return data


class ComplaintFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("全部")), *list(ComplaintStatus.choices)]


class AssignForm(StyledFormMixin, forms.Form):
    investigator = forms.ModelChoiceField(
        label=_("交办给"),
        queryset=None,
        required=False,
        empty_label=_("被反映单位（由其联络员组织调查）"),
        help_text=_("涉及作风、纪律、廉洁的，宜交纪检监察人员调查。"),
    )
    deadline = forms.DateField(
        label=_("办结期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("不填则按规定天数计算。"),
    )

    def __init__(self, *args, inspectors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = inspectors
        self.fields["investigator"].label_from_instance = lambda u: (
            f"{u.person.unit.short_name} {u.person.name}（{u.username}）"
            if u.person_id
            else u.username
        )


class InvestigationForm(StyledFormMixin, forms.Form):
    investigation = forms.CharField(
        label=_("调查核实情况"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ConcludeForm(StyledFormMixin, forms.Form):
    conclusion = forms.ChoiceField(label=_("调查结论"), choices=Conclusion.choices)
    investigation = forms.CharField(
        label=_("调查核实情况"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ItemDraftForm(StyledFormMixin, forms.Form):
    """One problem a substantiated complaint showed, to go on the rectification list."""

    category = forms.ChoiceField(label=_("问题类别"), required=False)
    description = forms.CharField(
        label=_("问题描述"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measures = forms.CharField(
        label=_("整改措施"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.CharField(label=_("责任人"), max_length=100, required=False)
    deadline = forms.DateField(
        label=_("整改时限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, campaigns, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—"), *category_choices(campaigns)]

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in self.fields):
            return data  # a blank row is left out
        if not data.get("category") or not (data.get("description") or "").strip():
            raise forms.ValidationError(_("需整改的问题请选择问题类别并填写问题描述。"))
        if not data.get("deadline"):
            raise forms.ValidationError(_("请填写整改时限。"))
        return data


ItemDraftFormSet = forms.formset_factory(ItemDraftForm, extra=3, max_num=10)
