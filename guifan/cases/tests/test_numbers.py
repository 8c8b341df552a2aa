import pytest

from guifan.cases.numbers import normalise_case_no

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
