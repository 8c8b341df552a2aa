from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

DASHES = BLANK_CHOICE_DASH[0][1]  # Django's "---------"
CHOOSE = _("请选择")


class StyledFormMixin:
    """Gives every widget the Bootstrap class it needs, so templates render ``{{ field }}``,
    and every empty choice a word instead of Django's "---------"."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            _name_the_empty_choice(field)


def _name_the_empty_choice(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DASHES:
            field.empty_label = CHOOSE
    elif isinstance(field, forms.ChoiceField) and _has_dashes(field):
        field.choices = [
            (value, CHOOSE if label == DASHES else label) for value, label in field.choices
        ]


def _has_dashes(field: forms.ChoiceField) -> bool:
    return not callable(field.choices) and any(label == DASHES for _v, label in field.choices)
