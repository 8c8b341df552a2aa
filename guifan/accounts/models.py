"""User accounts and the roles they hold."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import NOTHING, Scope, ScopedQuerySet
from guifan.org.constraints import unique_per_unit_or_department
from guifan.org.models import Department, Person, Unit


class UserQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        if scope.has(Role.SYSADMIN, Role.SECADMIN):
            return Q()
        return Q(pk=scope.user_id) if scope.user_id else NOTHING


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A login account (账号), usually linked to one person of a unit."""

    person = models.OneToOneField(
        Person,
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account",
    )
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=False)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    # The login before this one, shown to the user after signing in (上次登录时间和地点).
    previous_login_at = models.DateTimeField(_("上次登录时间"), null=True, blank=True)
    previous_login_ip = models.CharField(_("上次登录地址"), max_length=45, blank=True)
    last_login_ip = models.CharField(_("本次登录地址"), max_length=45, blank=True)
    is_demo = models.BooleanField(_("演示账号"), default=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")
        ordering = ["username"]

    def __str__(self) -> str:
        if self.person_id:
            return f"{self.person.name}（{self.username}）"
        return self.username


class RoleGrant(models.Model):
    """A role held by an account, for a unit where the role needs one (角色授权)."""

    user = models.ForeignKey(
        User, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("适用单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
    )
    # The department of a 部门联络员 grant: its holder sees and reports only that
    # department's campaign tasks, none of the unit's other data (core.scoping).
    department = models.ForeignKey(
        Department,
        verbose_name=_("适用部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
    )
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("授权人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = StampField(_("授权时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        ordering = ["user__username", "role"]
        constraints = unique_per_unit_or_department(
            ["user", "role", "unit"], "accounts_grant_unique"
        )

    def __str__(self) -> str:
        unit = f"@{self.unit.short_name}" if self.unit_id else ""
        department = self.department.name if self.department_id else ""
        return f"{self.user.username}:{self.get_role_display()}{unit}{department}"


class PasswordHistory(models.Model):
    """A password the account used before (历史密码), kept as its hash so it is not reused."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    replaced_at = models.DateTimeField()

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.replaced_at:%Y-%m-%d}"
