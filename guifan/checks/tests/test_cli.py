"""``guifan checks run`` and ``guifan checks findings`` print one JSON document each."""

import json
from datetime import date

import pytest

from guifan.checks.tests.test_engine import arrest_review, complaint_case
from guifan.cli import main

pytestmark = pytest.mark.django_db


def test_run_then_findings(cast, on_world_date, capsys):
    late = arrest_review(cast.unit_a, date(2015, 9, 26), date(2015, 10, 4), detained=True)
    complaint_case(cast.unit_b, date(2015, 6, 1), date(2015, 6, 8))  # in time
    assert main(["checks", "run", "--rule", "R4-05", "--rule", "R1-01", "--json"]) == 0
    run = json.loads(capsys.readouterr().out)
    assert (run["cases"], run["findings"], run["added"]) == (2, 1, 1)
    assert main(["checks", "findings", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["rule"], r["case_no"], r["unit"], r["status"]) for r in rows] == [
        ("R4-05", late.case_no, cast.unit_a.code, "pending")
    ]
    assert rows[0]["deadline"] == "2015-10-03" and rows[0]["actual"] == "2015-10-04"
    assert main(["checks", "findings", "--unit", cast.unit_b.code, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["checks", "run", "--rule", "R9-99"]) == 1
    assert "R9-99" in capsys.readouterr().err
