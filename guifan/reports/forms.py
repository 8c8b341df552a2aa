from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.reports.models import DocumentKind
from guifan.reports.narrative import LONGEST, SECTIONS


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("文件"), choices=DocumentKind.choices)
    pdf = forms.BooleanField(label=_("同时生成 PDF"), required=False)


class NarrativeForm(forms.Form):
    """The 总结报告's narrative, one text a section; each line becomes a paragraph."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, label, _default in SECTIONS:
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                max_length=LONGEST,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            )
