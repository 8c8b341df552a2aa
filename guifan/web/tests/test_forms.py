"""Empty choices read as a word, never Django's "---------"."""

import pytest
from django import forms
from django.db.models import BLANK_CHOICE_DASH

from guifan.org.models import Unit
from guifan.web.forms import StyledFormMixin


class _Form(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.all())
    kind = forms.ChoiceField(choices=[*BLANK_CHOICE_DASH, ("a", "甲")])
    named = forms.ModelChoiceField(queryset=Unit.objects.all(), empty_label="（不限）")


@pytest.mark.django_db
def test_empty_choices_say_choose_instead_of_dashes():
    html = str(_Form())
    assert "---------" not in html
    assert html.count("请选择") == 2
    assert "（不限）" in html


@pytest.mark.django_db
def test_the_complaint_form_has_no_dashes(cast):
    from guifan.campaigns.models import SelfExamProblem
    from guifan.complaints.forms import ComplaintForm

    form = ComplaintForm(
        campaigns=Unit.objects.none(),
        units=Unit.objects.all(),
        problems=SelfExamProblem.objects.none(),
    )
    html = str(form)
    assert "---------" not in html and "请选择" in html
