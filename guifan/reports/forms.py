from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.reports.models import DocumentKind
from guifan.reports.narrative import DEFAULT_NEXT_STEPS


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("文件"), choices=DocumentKind.choices)
    next_steps = forms.CharField(
        label=_("下一步工作（工作要求）"),
        required=False,
        max_length=5000,
        initial=DEFAULT_NEXT_STEPS,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("每段一行，写入文件的最后一节；不填时使用默认内容。"),
    )
