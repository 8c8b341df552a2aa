import pytest

from guifan.cases.numbers import normalise_case_no, normalise_case_nos

CANONICAL = "临江检公诉受〔2015〕0312号"


@pytest.mark.parametrize(
    "spelling",
    [
        "临江检公诉受〔2015〕0312号",
        "临江检公诉受[2015]0312号",
        "临江检公诉受【2015】0312号",
        "临江检公诉受［２０１５］０３１２号",
        "临江检公诉受（2015）0312号",
        " 临江检公诉受 [2015] 0312号 ",
    ],
)
def test_spellings_compare_equal(spelling):
    assert normalise_case_no(spelling) == CANONICAL


def test_different_numbers_stay_different():
    assert normalise_case_no("临江检公诉受[2015]0313号") != CANONICAL


def test_a_column_of_numbers_normalises_as_each_one_alone():
    # Joined for speed: what one number folds into (half-width kana and its sound mark,
    # a combining accent, Hangul jamo) must not spill into its neighbour.
    spellings = ["临江检公诉受［２０１５］０３１２号", "ｶ", "ﾞ", "x\u0301", "\u0301", "가", "\u1161"]
    spellings.append("")
    assert normalise_case_nos(spellings) == [normalise_case_no(s) for s in spellings]
    assert normalise_case_nos([]) == []
