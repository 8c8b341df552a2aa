"""The defence register of a case (辩护人登记, 高检规则2012 第44条): who defends, with the
numbers that identify the person (律师执业证号, 身份证号) and the day the case learnt of it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.cases.models.case import Case
from guifan.cases.models.events import CaseEvent, unique_per_case


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
