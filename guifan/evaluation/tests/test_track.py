"""案件评查回头看 is not reported empty: a unit reports it when its drawn cases are evaluated,
or says why not."""

import pytest
from django.core.exceptions import ValidationError

from guifan.campaigns import services as campaigns
from guifan.campaigns.models import TaskStatus, UnitTask


def test_the_evaluation_task_waits_for_the_units_evaluations_or_a_reason(assigned, cast):
    task = UnitTask.objects.get(
        track__campaign=assigned, track__kind="evaluation", unit=cast.unit_a, department=None
    )
    open_ = assigned.assignments.filter(case__unit=cast.unit_a).count()
    assert open_ > 0
    with pytest.raises(ValidationError, match=f"尚有 {open_} 件评查任务未完成"):
        campaigns.task_submit(task=task, by=cast.liaison_a)
    reason = "评查组尚在阅卷，预计四月中旬完成"
    task = campaigns.task_submit(task=task, by=cast.liaison_a, statement=reason)
    assert (task.status, task.statement) == (TaskStatus.SUBMITTED, reason)
