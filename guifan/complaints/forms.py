from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.complaints.models import Channel
from guifan.web.forms import StyledFormMixin


class ComplaintForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("被反映单位"), queryset=None)
    received_on = forms.DateField(
        label=_("收到日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    channel = forms.ChoiceField(label=_("渠道"), choices=Channel.choices)
    complainant = forms.CharField(
        label=_("反映人"), max_length=100, required=False, help_text=_("可匿名")
    )
    about = forms.CharField(label=_("被反映人员或案件"), max_length=200, required=False)
    content = forms.CharField(label=_("反映内容"), widget=forms.Textarea(attrs={"rows": 4}))
    problem = forms.ModelChoiceField(
        label=_("关联的自查问题"), queryset=None, required=False, empty_label=_("（暂不关联）")
    )

    def __init__(self, *args, units, problems, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["problem"].queryset = problems
