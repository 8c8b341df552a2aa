"""The question set (questions.tsv) and how an answer is judged against it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

QUESTIONS = Path(__file__).with_name("questions.tsv")


@dataclass(frozen=True)
class Case:
    question: str
    expected: tuple[str, ...]  # citations or "source：contained words"


def load_questions() -> list[Case]:
    cases = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        question, expected = line.split("\t")
        cases.append(Case(question, tuple(e.strip() for e in expected.split(" | "))))
    return cases


def answers(found: dict, expected: str) -> bool:
    """Does one answer row ({"source", "citation", "text"}) match one expectation?"""
    if expected.startswith("《"):
        return found["citation"] == expected
    source, _, words = expected.partition("：")
    return source in found["source"] and words in found["text"]


@dataclass
class Score:
    total: int
    top1: int
    top3: int
    misses: list[tuple[str, int | None, list[str]]]  # question, rank found (None), top 3

    def report(self) -> str:
        lines = [
            f"{self.total} questions: "
            f"top-1 {self.top1}/{self.total} = {self.top1 / self.total:.1%}, "
            f"top-3 {self.top3}/{self.total} = {self.top3 / self.total:.1%}"
        ]
        for question, rank, top in self.misses:
            where = f"rank {rank}" if rank else "not in top 3"
            lines.append(f"  {where}: {question} → {' / '.join(top)}")
        return "\n".join(lines)


def score(ask) -> Score:
    """``ask(question)`` returns answer rows, best first."""
    cases = load_questions()
    top1 = top3 = 0
    misses = []
    for case in cases:
        rows = ask(case.question)[:3]
        rank = next(
            (i for i, row in enumerate(rows, 1) if any(answers(row, e) for e in case.expected)),
            None,
        )
        top1 += rank == 1
        top3 += rank is not None
        if rank != 1:
            misses.append(
                (case.question, rank, [f"{r['source']} {r['citation']}"[:60] for r in rows])
            )
    return Score(len(cases), top1, top3, misses)
