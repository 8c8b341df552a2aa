from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.journal.verbs import Verb
from guifan.web.forms import StyledFormMixin


class EntryFilterForm(StyledFormMixin, forms.Form):
    verb = forms.ChoiceField(
        label=_("操作"), required=False, choices=[("", _("全部")), *Verb.choices]
    )
    actor = forms.CharField(label=_("操作人"), required=False, max_length=150)
    target = forms.CharField(label=_("对象"), required=False, max_length=200)
    start = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
