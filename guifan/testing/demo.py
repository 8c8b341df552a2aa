"""Putting the demo world into the state a test starts from."""


def before_evaluation_began() -> None:
    """The demo's evaluators have started some forms, which rightly freezes the batch; tests
    of draws and assignment work on the campaign as it was before that."""
    from guifan.evaluation.models import Assignment, AssignmentStatus, CaseResult, EvaluationForm
    from guifan.rectification.models import Item

    Item.objects.filter(finding__isnull=False).delete()  # what final results put on the list
    CaseResult.objects.all().delete()
    EvaluationForm.objects.all().delete()
    Assignment.objects.update(status=AssignmentStatus.ASSIGNED)
