"""The defence register of a case (辩护人登记, 高检规则2012 第44条): who defends, with the
numbers that identify the person (律师执业证号, 身份证号) and the day the case learnt of it;
and the two staff registers the defence is checked against (高检规则2012 第39条): staff who
left (离任人员) and the relatives of serving staff (检察人员亲属)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.cases.models.case import Case
from guifan.cases.models.events import CaseEvent, unique_per_case
from guifan.org.models import Person, Unit


class Defender(CaseEvent):
    """A defender (辩护人) registered in a case, from the day of the 委托 or 指派."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="defenders")
    name = models.CharField(_("辩护人姓名"), max_length=50)
    licence_no = models.CharField(_("律师执业证号"), max_length=30, blank=True)
    id_no = models.CharField(_("身份证号"), max_length=18, blank=True, db_index=True)
    engaged_on = models.DateField(_("委托日期"))

    class Meta(CaseEvent.Meta):
        verbose_name = _("辩护人")
        verbose_name_plural = _("辩护人")
        constraints = unique_per_case("defender")


class StaffDeparture(models.Model):
    """A member of staff who left a procuratorate (离任人员): the unit served, the day of
    leaving and the 身份证号 that finds the person again among the defenders (高检规则2012
    第39条)."""

    ref = models.CharField(_("登记编号"), max_length=40, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("原任职院"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=50)
    staff_no = models.CharField(_("原工号"), max_length=20, blank=True)
    id_no = models.CharField(_("身份证号"), max_length=18, db_index=True)
    left_on = models.DateField(_("离任日期"))
    row_hash = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("离任人员")
        verbose_name_plural = _("离任人员")
        ordering = ["unit", "left_on"]

    def __str__(self) -> str:
        return f"{self.name}（{self.left_on}）"


class Kinship(models.TextChoices):
    """How a relative is related to a member of staff (近亲属, 刑诉法2012 第106条)."""

    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    SIBLING = "sibling", _("同胞兄弟姊妹")
    OTHER = "other", _("其他亲属")


class StaffRelative(models.Model):
    """A relative of a serving member of staff (检察人员亲属) as the unit registers them."""

    ref = models.CharField(_("登记编号"), max_length=40, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("检察人员"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("亲属姓名"), max_length=50)
    relation = models.CharField(_("关系"), max_length=10, choices=Kinship.choices)
    id_no = models.CharField(_("身份证号"), max_length=18, db_index=True)
    row_hash = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("检察人员亲属")
        verbose_name_plural = _("检察人员亲属")
        ordering = ["unit", "person"]

    def __str__(self) -> str:
        return f"{self.person}—{self.name}（{self.get_relation_display()}）"
