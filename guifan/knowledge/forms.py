from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.knowledge.extract import SUFFIXES
from guifan.knowledge.models import SourceKind
from guifan.org.models import Unit


class AskForm(forms.Form):
    q = forms.CharField(label=_("问题"), max_length=200, required=False)
    source = forms.ChoiceField(
        label=_("来源"), required=False, choices=[("", _("全部来源")), *SourceKind.choices]
    )
    law = forms.ChoiceField(label=_("法律法规"), required=False)

    def __init__(self, *args, laws=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["law"].choices = [("", _("全部法律法规")), *((law, law) for law in laws)]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("文件"), help_text=_("支持 %(s)s") % {"s": "、".join(SUFFIXES)})
    title = forms.CharField(
        label=_("标题"), max_length=200, required=False, help_text=_("不填则取文件中的标题或文件名")
    )
    unit = forms.ModelChoiceField(
        label=_("限定单位"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("不限（所有业务人员可查）"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=units).order_by("path")
