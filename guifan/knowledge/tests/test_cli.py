"""`guifan kb load` and `guifan kb ask`."""

import json

import pytest

from guifan.cli import main


@pytest.fixture
def no_setup(monkeypatch):
    """The test database is already set up; the command must not configure Django again."""
    monkeypatch.setattr("guifan.knowledge.cli.setup", lambda *a, **k: None)


def test_ask_prints_the_notice_passage_with_its_start_date_first(seed, no_setup, capsys):
    assert main(["kb", "ask", "回头看是从哪天开始的", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["source"] == "规范司法行为总结"
    assert "3月14日" in rows[0]["text"]
    assert set(rows[0]) == {"source", "citation", "text", "score"}


def test_ask_top_k_and_the_plain_output(seed, no_setup, capsys):
    assert main(["kb", "ask", "评查人员从哪里抽", "--top", "1", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["kb", "ask", "评查人员从哪里抽"]) == 0
    assert "【规范司法行为总结】" in capsys.readouterr().out


def test_load_is_idempotent(db, law_file, no_setup, capsys):
    assert main(["kb", "load", str(law_file.parent), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert "测试程序法" in first["added"]
    assert main(["kb", "load", str(law_file.parent), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    # The law, the rubric, the four campaign templates and the check rule catalog.
    assert again["added"] == [] and again["replaced"] == [] and again["unchanged"] == 7


def test_load_refuses_a_missing_directory(db, no_setup, capsys):
    assert main(["kb", "load", "/nonexistent/laws"]) == 1
    assert "找不到目录" in capsys.readouterr().err
