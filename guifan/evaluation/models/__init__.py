from guifan.evaluation.models.assignment import (
    Assignment,
    AssignmentQuerySet,
    AssignmentRun,
    AssignmentStatus,
    EvaluationMode,
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
from guifan.evaluation.models.paper import PaperFile
from guifan.evaluation.models.period import EvaluationPeriod
from guifan.evaluation.models.results import (
    ApprovalBody,
    CaseResult,
    Outcome,
    ResultStatus,
)

__all__ = [
    "ApprovalBody",
    "Assignment",
    "AssignmentQuerySet",
    "AssignmentRun",
    "AssignmentStatus",
    "CaseResult",
    "EvaluationForm",
    "EvaluationMode",
    "EvaluationPeriod",
    "EvaluationTeam",
    "Finding",
    "FormStatus",
    "GradeScheme",
    "Outcome",
    "PaperFile",
    "ResultStatus",
    "Rubric",
    "Severity",
]
