from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from guifan.core.roles import Role
from guifan.org.models import Department, Person, Unit
from guifan.web.forms import StyledFormMixin


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续 5 次错误将锁定账号 30 分钟。"),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["password"].label = _("密码")
        self.fields["password"].widget.attrs["autocomplete"] = "off"


class ChangePasswordForm(StyledFormMixin, PasswordChangeForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["autocomplete"] = "off"


class AccountCreateForm(StyledFormMixin, forms.Form):
    username = forms.RegexField(
        label=_("用户名"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("用户名只能包含字母、数字和 @ . + - _。")},
    )
    person_staff_no = forms.CharField(
        label=_("关联人员工号"),
        max_length=20,
        required=False,
        help_text=_("管理员账号可不关联人员"),
    )

    def clean_person_staff_no(self) -> Person | None:
        staff_no = self.cleaned_data["person_staff_no"].strip()
        if not staff_no:
            return None
        person = Person.objects.filter(staff_no=staff_no).first()
        if person is None:
            raise forms.ValidationError(_("找不到工号为 %(no)s 的人员。") % {"no": staff_no})
        return person


class RoleGrantForm(StyledFormMixin, forms.Form):
    username = forms.CharField(label=_("账号"), max_length=150)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    unit = forms.ModelChoiceField(
        label=_("适用单位"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("（按账号所属单位）"),
    )
    department = forms.ModelChoiceField(
        label=_("适用部门"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("（全单位）"),
        help_text=_("部门联络员须指定：只看、只报该部门的任务"),
    )

    def __init__(self, *args, units=None, accounts=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["department"].queryset = Department.objects.filter(
            unit__in=units
        ).select_related("unit")
        self._accounts = accounts

    def clean_username(self):
        account = self._accounts.filter(username=self.cleaned_data["username"]).first()
        if account is None:
            raise forms.ValidationError(_("找不到该账号。"))
        return account
