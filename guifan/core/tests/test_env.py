"""Settings read from the environment: a JSON table of overrides changes only what it names
and refuses, in one line naming the variable, what it cannot use."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from guifan import settings as guifan_settings
from guifan.core.env import env_json_overrides

DEFAULTS = {"R8-02": {"window_days": 365, "min_cases": 5}, "R1-05": {"topics": ["态度"]}}


def test_overrides_change_only_the_settings_named(monkeypatch):
    monkeypatch.setenv("GUIFAN_X", '{"R8-02": {"min_cases": 6}, "R1-05": {"topics": ["作风"]}}')
    merged = env_json_overrides("GUIFAN_X", DEFAULTS)
    assert merged == {"R8-02": {"window_days": 365, "min_cases": 6}, "R1-05": {"topics": ["作风"]}}
    assert DEFAULTS["R8-02"]["min_cases"] == 5  # the defaults themselves stay as they were
    monkeypatch.setenv("GUIFAN_X", " ")
    assert env_json_overrides("GUIFAN_X", DEFAULTS) == DEFAULTS


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("{R8-02: 6}", "not valid JSON"),
        ("[1]", "must be a JSON object"),
        ('{"R9-99": {}}', "unknown entry 'R9-99'"),
        ('{"R8-02": 6}', "R8-02 must be a JSON object"),
        ('{"R8-02": {"min": 6}}', "has no setting 'min'"),
        ('{"R8-02": {"min_cases": "6"}}', "R8-02.min_cases='6' is not an integer"),
        ('{"R8-02": {"min_cases": true}}', "is not an integer"),
        ('{"R1-05": {"topics": "态度"}}', "must be a list of words"),
    ],
)
def test_a_bad_override_is_refused_naming_what_is_wrong(monkeypatch, raw, says):
    monkeypatch.setenv("GUIFAN_X", raw)
    with pytest.raises(ImproperlyConfigured, match="GUIFAN_X") as refused:
        env_json_overrides("GUIFAN_X", DEFAULTS)
    assert says in str(refused.value)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ('{"R5-04": {"close_month": 13}}', "R5-04.close_month=13 is not a month"),
        ('{"R8-02": {"min_cases": 1}}', "a group needs at least 2"),
        ('{"R5-03": {"window_days": 0}}', "the window is at least 1 day"),
        ('{"R1-05": {"topics": []}}', "name at least one topic"),
    ],
)
def test_cross_case_thresholds_out_of_range_are_refused(monkeypatch, raw, says):
    monkeypatch.setenv("GUIFAN_CROSS_CASE", raw)
    with pytest.raises(ImproperlyConfigured, match=says):
        guifan_settings._cross_case()


def test_cross_case_thresholds_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUIFAN_CROSS_CASE", '{"R8-02": {"min_cases": 6, "window_days": 180}}')
    cross = guifan_settings._cross_case()
    defaults = guifan_settings.CROSS_CASE_DEFAULTS["R8-02"]
    assert cross["R8-02"] == defaults | {"window_days": 180, "min_cases": 6}
    assert defaults["min_cases"] == 5  # the defaults themselves are untouched
    assert cross["R5-03"] == {"window_days": 30, "min_cases": 2}


def test_a_bad_cross_case_setting_stops_the_command_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        GUIFAN_CROSS_CASE='{"R8-02": {"min_cases": "five"}}',
        DJANGO_SETTINGS_MODULE="guifan.settings",
        GUIFAN_DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "guifan.cli", "checks", "findings", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("错误：") and "GUIFAN_CROSS_CASE" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
