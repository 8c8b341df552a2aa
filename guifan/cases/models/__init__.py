from guifan.cases.models.case import Case, CaseQuerySet, CaseStatus, Grade, Supervision
from guifan.cases.models.events import (
    AvInterruption,
    CaseComplaint,
    CaseDocument,
    CoerciveMeasure,
    Interrogation,
    LawyerRequest,
    LawyerRequestKind,
    MeasureKind,
    OpinionHeard,
    PlaceType,
    SeizedProperty,
    Suspect,
)
from guifan.cases.models.imports import ImportRejection, ImportRun, ImportStatus

__all__ = [
    "AvInterruption",
    "Case",
    "CaseComplaint",
    "CaseDocument",
    "CaseQuerySet",
    "CaseStatus",
    "CoerciveMeasure",
    "Grade",
    "ImportRejection",
    "ImportRun",
    "ImportStatus",
    "Interrogation",
    "LawyerRequest",
    "LawyerRequestKind",
    "MeasureKind",
    "OpinionHeard",
    "PlaceType",
    "SeizedProperty",
    "Supervision",
    "Suspect",
]
