from guifan.evaluation.models.assignment import (
    Assignment,
    AssignmentQuerySet,
    AssignmentRun,
    AssignmentStatus,
    EvaluationTeam,
)
from guifan.evaluation.models.forms import (
    EvaluationForm,
    Finding,
    FormStatus,
    GradeScheme,
    Rubric,
    Severity,
)

__all__ = [
    "Assignment",
    "AssignmentQuerySet",
    "AssignmentRun",
    "AssignmentStatus",
    "EvaluationForm",
    "EvaluationTeam",
    "Finding",
    "FormStatus",
    "GradeScheme",
    "Rubric",
    "Severity",
]
