from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import ChecklistItem, ChecklistKind
from guifan.rectification.models import ItemStatus
from guifan.rectification.selectors import ItemFilters
from guifan.web.forms import StyledFormMixin


def category_choices(campaigns) -> list[tuple[str, str]]:
    """The problem categories of these campaigns, in their order, each once."""
    labels = ChecklistItem.objects.filter(
        campaign__in=campaigns, kind=ChecklistKind.CATEGORY
    ).values_list("label", flat=True)
    return [(label, label) for label in dict.fromkeys(labels.order_by("position", "pk"))]


class ItemFilterForm(StyledFormMixin, forms.Form):
    campaign = forms.ChoiceField(label=_("专项活动"), required=False)
    status = forms.ChoiceField(label=_("整改状态"), required=False)
    category = forms.ChoiceField(label=_("问题类别"), required=False)
    unit = forms.ChoiceField(label=_("单位"), required=False)
    overdue = forms.BooleanField(label=_("只看超期"), required=False)
    recurrence = forms.BooleanField(label=_("只看复发"), required=False)

    def __init__(self, *args, campaigns, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["campaign"].choices = everything + [(c.pk, c.name) for c in campaigns]
        self.fields["status"].choices = [
            *everything,
            ("owed", _("未整改和整改中")),
            *list(ItemStatus.choices),
        ]
        self.fields["category"].choices = everything + category_choices(campaigns)
        self.fields["unit"].choices = everything + [(u.pk, u.short_name) for u in units]

    def filters(self) -> ItemFilters:
        """The valid filters; an invalid one (a stale link) is left out and shown as an
        error on the form instead of silently dropping the others."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        return ItemFilters(
            campaign=int(data["campaign"]) if data["campaign"] else None,
            status=data["status"] or "",
            category=data["category"] or "",
            unit=int(data["unit"]) if data["unit"] else None,
            overdue=bool(data["overdue"]),
            recurrence=bool(data["recurrence"]),
        )


class StartForm(StyledFormMixin, forms.Form):
    measures = forms.CharField(label=_("整改措施"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("责任人"), max_length=100)


class SubmitForm(StyledFormMixin, forms.Form):
    outcome = forms.CharField(
        label=_("整改落实情况"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("写明做了什么、何时完成、效果如何；并上传制度文件、台账、通报等整改材料。"),
    )


class VerifyForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("核查意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("销号时可不填；退回时必须写明理由。"),
    )


class RecurrenceForm(StyledFormMixin, forms.Form):
    handling = forms.CharField(
        label=_("复发原因及处置意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如：约谈单位负责人、通报批评、追究责任人责任、完善制度。"),
    )
