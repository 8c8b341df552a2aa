"""The self-examination per heading as the demo shows it on 3月25日: every unit has written
what it examined under each heading (its problems are registered), and the 市院's
departments — taking part with their own tasks and liaisons — have done theirs to
different degrees: some reported, some written but not reported, some not started."""

from __future__ import annotations

from guifan.campaigns import headings
from guifan.campaigns import services as campaigns
from guifan.campaigns.models import Campaign, UnitTask
from guifan.demo.campaign import at

EXAMINED = "对照“{heading}”方面，逐项检查2015年以来办理的案件、制度执行台账和内部监督记录"
FINDINGS = "发现{heading}方面有一项问题：个别案件审批表签字不全，已责成承办人补正"
NONE_REASON = "抽查本部门2015年办结案件二十件，逐件核对，未发现{heading}方面的问题"


def _tasks(campaign: Campaign, *, departments: bool):
    tasks = UnitTask.objects.filter(
        track__campaign=campaign, track__kind="self_exam", department__isnull=not departments
    )
    return tasks.select_related("track__campaign", "unit", "department").order_by(
        "unit__path", "department__line", "department__name"
    )


def _write(task: UnitTask, index: int) -> None:
    for n, heading in enumerate(headings.headings_of(task.track.campaign)):
        text = {"heading": heading.label}
        found = task.department_id is None or (index + n) % 3 == 0
        headings.heading_record_save(
            task=task, heading=heading, by=None, examined=EXAMINED.format(**text),
            findings=FINDINGS.format(**text) if found and task.department_id else "",
            none_reason="" if found else NONE_REASON.format(**text),
        )  # fmt: skip


def record_headings(campaign: Campaign) -> None:
    """3月22日: each unit writes its record per heading once its problems are registered
    (before its report), three departments in four write theirs (every fourth has not
    started)."""
    for index, task in enumerate(_tasks(campaign, departments=False)):
        with at(22, 15, index % 60):
            _write(task, index)
    for index, task in enumerate(_tasks(campaign, departments=True)):
        if index % 4 != 3:
            with at(22, 9 + index % 8, 5 * index % 60):
                _write(task, index)


def submit_departments(campaign: Campaign) -> None:
    """3月23日: the departments that wrote every heading report, but one in four of those
    keeps its record a day longer."""
    for index, task in enumerate(_tasks(campaign, departments=True)):
        if index % 4 in (0, 1):
            with at(23, 10 + index % 6):
                campaigns.task_submit(task=task)
