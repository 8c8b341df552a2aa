"""Units, departments and people of the procuratorates taking part."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core.roles import Role
from guifan.core.scoping import NOTHING, Scope, ScopedQuerySet


class Tier(models.TextChoices):
    PROVINCE = "province", _("省院")
    CITY = "city", _("市院")
    COUNTY = "county", _("县区院")


class BusinessLine(models.TextChoices):
    """The 2015 business lines (业务条线), used for departments, specialties and the talent pool."""

    ZHENJIAN = "zhenjian", _("侦查监督")
    GONGSU = "gongsu", _("公诉")
    FANTAN = "fantan", _("反贪污贿赂")
    FANDU = "fandu", _("反渎职侵权")
    YUFANG = "yufang", _("职务犯罪预防")
    JIANSUO = "jiansuo", _("监所检察")
    MINXING = "minxing", _("民事行政检察")
    KONGSHEN = "kongshen", _("控告申诉检察")
    WEIJIAN = "weijian", _("未成年人检察")
    ANGUAN = "anguan", _("案件管理")
    # Non-case departments that still appear in campaigns.
    JIJIAN = "jijian", _("纪检监察")
    ZHENGZHI = "zhengzhi", _("政治部")
    BANGONG = "bangong", _("办公室")


CASE_LINES = frozenset(
    {
        BusinessLine.ZHENJIAN,
        BusinessLine.GONGSU,
        BusinessLine.FANTAN,
        BusinessLine.FANDU,
        BusinessLine.JIANSUO,
        BusinessLine.MINXING,
        BusinessLine.KONGSHEN,
        BusinessLine.WEIJIAN,
    }
)

unit_code_validator = RegexValidator(r"^\d{6}$", _("单位编码应为 6 位数字"))


class UnitQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        if scope.has(Role.SYSADMIN, Role.SECADMIN):
            return Q()  # they administer the organisation itself
        visible = set(scope.business_unit_ids)
        if scope.own_unit_id:
            visible.add(scope.own_unit_id)
        return Q(pk__in=visible) if visible else NOTHING

    def subtree_ids(self, roots: Iterable[int]) -> list[int]:
        """Ids of the given units and every unit below them."""
        paths = list(self.filter(pk__in=list(roots)).values_list("path", flat=True))
        if not paths:
            return []
        match = Q()
        for path in paths:
            match |= Q(path__startswith=path)
        return list(self.filter(match).values_list("pk", flat=True))


class Unit(models.Model):
    """A procuratorate (院): 省院, 市院 or 县区院, with its place in the hierarchy."""

    code = models.CharField(
        _("单位编码"), max_length=6, unique=True, validators=[unit_code_validator]
    )
    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(
        _("简称"), max_length=20, help_text=_("用于案号，如“临江检公诉受〔2015〕0312号”中的“临江”")
    )
    tier = models.CharField(_("层级"), max_length=10, choices=Tier.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of unit codes ("980000/980100/980102/") for subtree queries.
    path = models.CharField(max_length=200, editable=False, db_index=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        prefix = self.parent.path if self.parent_id else ""
        self.path = f"{prefix}{self.code}/"
        super().save(*args, **kwargs)


class DepartmentQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return Q(unit__in=Unit.objects.visible_to_scope(scope))


class Department(models.Model):
    """A department (部门/科/处) of a unit, in the 2015 structure (RULES-AND-PROCESS.md §6.1)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("部门名称"), max_length=50)
    line = models.CharField(_("业务条线"), max_length=12, choices=BusinessLine.choices)
    case_code = models.CharField(
        _("案号代字"), max_length=8, blank=True, help_text=_("部门受案号中的部门代字，如“公诉”")
    )

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["unit__path", "line"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="org_department_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name}{self.name}"


staff_no_validator = RegexValidator(r"^[0-9A-Za-z]{4,20}$", _("工号应为 4–20 位字母或数字"))


class PersonQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        if scope.has(Role.SYSADMIN, Role.SECADMIN):
            return Q()
        visible = scope.business_q("unit")
        if scope.person_id:
            visible |= Q(pk=scope.person_id)
        return visible


class Person(models.Model):
    """A member of staff (干警) of a unit: prosecutor, inspector, clerk."""

    staff_no = models.CharField(
        _("工号"), max_length=20, unique=True, validators=[staff_no_validator]
    )
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="people"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    title = models.CharField(_("职务"), max_length=50, blank=True)
    is_quota_prosecutor = models.BooleanField(_("员额检察官"), default=False)
    active = models.BooleanField(_("在岗"), default=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["unit__path", "staff_no"]
        indexes = [models.Index(fields=["unit", "department"], name="org_person_unit_dept")]

    def __str__(self) -> str:
        return f"{self.name}（{self.staff_no}）"

    @property
    def specialty_lines(self) -> list[str]:
        return [s.line for s in self.specialties.all()]


class Specialty(models.Model):
    """A business line a person is qualified in (专长), used to draw and match evaluators."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="specialties")
    line = models.CharField(_("业务条线"), max_length=12, choices=BusinessLine.choices)

    class Meta:
        verbose_name = _("业务专长")
        verbose_name_plural = _("业务专长")
        constraints = [
            models.UniqueConstraint(fields=["person", "line"], name="org_specialty_unique"),
        ]

    def __str__(self) -> str:
        return self.get_line_display()


class TalentPoolMemberQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # The pool belongs to the unit that keeps it; its office and inspection see it.
        return scope.business_q("pool_unit") if scope.oversight_unit_ids else NOTHING


class TalentPoolMember(models.Model):
    """A person in a unit's evaluation talent pool (评查人才库), listed under one business line."""

    pool_unit = models.ForeignKey(
        Unit, verbose_name=_("人才库所属单位"), on_delete=models.PROTECT, related_name="talent_pool"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="pool_memberships"
    )
    line = models.CharField(_("入库条线"), max_length=12, choices=BusinessLine.choices)
    active = models.BooleanField(_("有效"), default=True)
    joined_on = models.DateField(_("入库日期"))

    objects = TalentPoolMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("评查人才库成员")
        verbose_name_plural = _("评查人才库成员")
        constraints = [
            models.UniqueConstraint(fields=["pool_unit", "person"], name="org_pool_unique_member"),
        ]

    def __str__(self) -> str:
        return f"{self.person}·{self.get_line_display()}"


class Relation(models.TextChoices):
    KIN = "kin", _("近亲属")
    INTEREST = "interest", _("利害关系")
    OTHER = "other", _("其他可能影响公正的关系")


class DeclaredConflictQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        visible = scope.business_q("person__unit") if scope.oversight_unit_ids else NOTHING
        if scope.person_id:
            visible |= Q(person_id=scope.person_id)
        return visible


class DeclaredConflict(models.Model):
    """A relation a person declared for recusal (回避申报): with another person or a case."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("申报人"),
        on_delete=models.CASCADE,
        related_name="declared_conflicts",
    )
    other_person = models.ForeignKey(
        Person,
        verbose_name=_("相关人员"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    case_no = models.CharField(_("相关案件（部门受案号）"), max_length=80, blank=True)
    relation = models.CharField(_("关系"), max_length=10, choices=Relation.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    declared_on = models.DateField(_("申报日期"))

    objects = DeclaredConflictQuerySet.as_manager()

    class Meta:
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")
        ordering = ["person", "declared_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(other_person__isnull=False) | ~Q(case_no=""),
                name="org_conflict_person_or_case",
            )
        ]

    def __str__(self) -> str:
        other = self.other_person or self.case_no
        return f"{self.person.name}—{other}（{self.get_relation_display()}）"
