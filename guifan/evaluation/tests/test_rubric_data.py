"""The rubric's default data is complete: every dimension explained, every grade defined."""

from guifan.cases.models import Grade
from guifan.evaluation.rubric import DIMENSION_NOTES, DIMENSIONS, GRADE_DEFINITIONS


def test_every_dimension_has_its_note_and_every_grade_its_definition():
    assert set(DIMENSION_NOTES) == set(DIMENSIONS)
    assert {str(label).removesuffix("案件") for _v, label in Grade.choices} <= set(
        GRADE_DEFINITIONS
    )
