from django import forms
from django.utils.translation import gettext_lazy as _

from guifan.core.roles import Role
from guifan.org.models import BusinessLine
from guifan.web.forms import StyledFormMixin

SECRET_HELP = _(
    "至少 16 个字符，例如连掷 20 次骰子的点数。请抄在纸上妥善保管，揭示时须原样输入；"
    "系统只保存它的 SHA-256 承诺值，不保存密钥本身。"
)


def _public_source() -> forms.CharField:
    return forms.CharField(
        label=_("公开随机值来源（可选）"),
        max_length=200,
        required=False,
        help_text=_("如“2016年3月15日福彩3D开奖号码”。须在冻结前公布；承诺截止后录入其数值。"),
    )


class FreezeForm(StyledFormMixin, forms.Form):
    public_source = _public_source()


class CommitForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("参与身份"))
    secret = forms.CharField(
        label=_("密钥"),
        max_length=200,
        required=False,
        help_text=SECRET_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    commitment = forms.CharField(
        label=_("或：离线计算的承诺值"),
        max_length=64,
        required=False,
        help_text=_("用 tools/guifan_draw_verify.py commit 在自己的电脑上算出的 64 位十六进制值。"),
    )

    def __init__(self, *args, roles: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]

    def clean(self):
        data = super().clean()
        if not data.get("secret") and not data.get("commitment"):
            raise forms.ValidationError(_("请填写密钥，或填写离线计算的承诺值。"))
        return data


class RevealForm(StyledFormMixin, forms.Form):
    secret = forms.CharField(
        label=_("密钥"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class PublicValueForm(StyledFormMixin, forms.Form):
    value = forms.CharField(label=_("公开随机值"), max_length=200)


class RedoForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("重抽原因"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
    public_source = _public_source()


class ManualForm(StyledFormMixin, forms.Form):
    staff_no = forms.CharField(label=_("工号"), max_length=20)
    line = forms.ChoiceField(label=_("条线"), choices=BusinessLine.choices)
    reason = forms.CharField(label=_("选调理由"), max_length=200)


class RuleForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
    ratio = forms.CharField(
        label=_("抽取比例"),
        max_length=10,
        required=False,
        help_text=_("大于 0、不超过 1 的小数，如 0.30；1 表示全部"),
    )
    count = forms.IntegerField(label=_("每层抽取人数"), min_value=1, required=False)
    exclude_evaluated = forms.BooleanField(label=_("排除当年已评查的案件"), required=False)


class RuleCreateForm(StyledFormMixin, forms.Form):
    population = forms.ChoiceField(label=_("抽取范围"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    ratio = forms.CharField(
        label=_("抽取比例"),
        max_length=10,
        initial="1",
        help_text=_("1 表示全部（重点评查每案必查）；常规抽查如 0.30"),
    )
    stratify = forms.ChoiceField(label=_("分层"))
    name = forms.CharField(label=_("规则名称（可选）"), max_length=50, required=False)

    def __init__(self, *args, **kwargs) -> None:
        from guifan.draws.conditions import condition_types
        from guifan.draws.models import Stratify
        from guifan.draws.rules import CASE_POPULATIONS

        super().__init__(*args, **kwargs)
        self.fields["population"].choices = [(p.value, p.label) for p in CASE_POPULATIONS]
        self.fields["stratify"].choices = Stratify.choices
        types = [("", _("（无）"))] + [(t.code, t.label) for t in condition_types().values()]
        for n in range(1, CONDITION_ROWS + 1):
            self.fields[f"condition_{n}"] = forms.ChoiceField(
                label=_("条件 %(n)s") % {"n": n}, choices=types, required=False
            )
            self.fields[f"value_{n}"] = forms.CharField(
                label=_("条件 %(n)s 的取值") % {"n": n},
                max_length=50,
                required=False,
                help_text=VALUE_HELP if n == 1 else "",
            )

    def clean(self):
        """The condition rows as the list the service checks (all of them must be met)."""
        data = super().clean()
        conditions = []
        for n in range(1, CONDITION_ROWS + 1):
            kind, value = data.pop(f"condition_{n}", ""), data.pop(f"value_{n}", "")
            if kind:
                conditions.append({"type": kind, "value": value})
            elif value:
                raise forms.ValidationError(_("条件 %(n)s 填了取值但没有选择条件类型。") % {"n": n})
        data["conditions"] = conditions
        return data


VALUE_HELP = _(
    "结案方式、评查年度填文字；判决结果、督办层级、延长类型、评查层级填选项名称，"
    "如“无罪”“省院挂牌督办”；“当年有信访”等无需填写。各条件须同时满足。"
)
# Condition rows offered on the add-rule form (draws.conditions.MAX_CONDITIONS is the limit).
CONDITION_ROWS = 3
