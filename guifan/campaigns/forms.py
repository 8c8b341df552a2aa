from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.templates import TEMPLATES
from guifan.web.forms import StyledFormMixin


class CampaignCreateForm(StyledFormMixin, forms.Form):
    template = forms.ChoiceField(
        label=_("模板"), choices=[(code, t.name) for code, t in TEMPLATES.items()]
    )
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=2016)
