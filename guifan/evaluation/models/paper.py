"""调卷: the paper 卷宗 of a task read on paper (评查方式 调阅纸质卷宗) — handed over by the
case's unit, acknowledged by the evaluator, returned to the unit — with the dates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.evaluation.models.assignment import Assignment


class PaperFileQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # The office and inspection of the issuing unit: all. The evaluator: the files of
        # their own tasks. The unit's liaison: the files of the unit's cases.
        visible = Q(
            assignment__campaign__issuing_unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION)
        )
        if scope.person_id and scope.has(Role.EVALUATOR, Role.TEAM_LEAD):
            visible |= Q(assignment__evaluator_id=scope.person_id)
        units = scope.units_for(Role.LIAISON)
        if units:
            visible |= Q(assignment__case__unit__in=units)
        return visible


class PaperFile(models.Model):
    """The 调卷 record of one task: three dates, who recorded each, when it is due back."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.PROTECT, related_name="paper_file", verbose_name=_("评查任务")
    )
    volumes = models.PositiveSmallIntegerField(_("卷宗册数"), default=1)
    handed_over_on = models.DateField(_("移交日期"))
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField(_("签收日期"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_due = models.DateField(_("归还期限"))
    returned_on = models.DateField(_("归还日期"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PaperFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("调卷记录")
        verbose_name_plural = _("调卷记录")
        ordering = ["assignment__case__case_no_norm", "pk"]

    def __str__(self) -> str:
        return f"{self.assignment.case.case_no} 卷宗"

    @property
    def overdue(self) -> int:
        """Days the 卷宗 is overdue back to the unit (0 when returned or not yet late)."""
        if self.returned_on is not None:
            return 0
        return max(0, (clock.today() - self.return_due).days)
