"""Benchmark: `guifan kb ask` over 100,000 passages (not a test; prints figures and ratios).

    .venv/bin/python bench/kb.py [--passages 100000] [--rounds 3]

Builds a fresh SQLite database in GUIFAN_DATA_DIR (default /tmp/guifan-bench/kb), loads the
seed, the law texts from ../shared and the system's data (about 2,600 passages), then
copies the law passages with a variation in every copy (a draft number in the text and its
words) until there are ``--passages`` of them. It records the time to build the search index
from the database, then times every question of the question set (questions.tsv) through
`kb_ask` — the whole answer: analysis, tantivy, reading the passages, rescoring, snippets —
after one warm-up round. In the same run it times two baselines on the same passages and
questions: a naive scan (`text LIKE '%word%' OR …` for the question's words, ranked by how
many words match) and SQLite FTS5 over the same words and bigrams, ranked by bm25().
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def synthesise(target: int) -> int:
    from guifan.core import clock
    from guifan.knowledge.models import Document, Passage, SourceKind, Version

    laws = list(Passage.objects.filter(document__kind=SourceKind.LAW, version__current=True))
    count, copy = Passage.objects.count(), 0
    while count < target:
        copy += 1
        document = Document.objects.create(
            key=f"bench:{copy}",
            title=f"法规汇编第{copy}册",
            short_name=f"法规汇编第{copy}册",
            kind=SourceKind.LAW,
            created_at=clock.now(),
        )
        version = Version.objects.create(
            document=document,
            number=1,
            label="bench",
            sha256=f"{copy:064d}",
            text="",
            created_at=clock.now(),
        )
        rows = []
        for position, p in enumerate(laws[: target - count]):
            rows.append(
                Passage(
                    version=version,
                    document=document,
                    position=position,
                    kind=p.kind,
                    heading=p.heading,
                    citation=f"{p.citation}（第{copy}稿）",
                    article=p.article,
                    text=f"{p.text}（第{copy}稿）",
                    words=f"{p.words} 第{copy}稿",
                )
            )
        Passage.objects.bulk_create(rows, batch_size=2000)
        count += len(rows)
    return count


def naive_like(question: str) -> list[int]:
    from django.db.models import Q

    from guifan.knowledge.models import Passage
    from guifan.knowledge.question import analyze

    terms = [w for w in analyze(question).words if len(w) > 1] or [question]
    match = Q()
    for term in terms:
        match |= Q(text__contains=term)
    rows = Passage.objects.filter(match).values_list("pk", "text")
    ranked = sorted(rows, key=lambda row: -sum(term in row[1] for term in terms))
    return [pk for pk, _ in ranked[:3]]


def fts5_build() -> float:
    from django.db import connection

    from guifan.knowledge.models import Passage
    from guifan.knowledge.text import bigrams

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_fts")
        cursor.execute("CREATE VIRTUAL TABLE bench_fts USING fts5(words, grams)")
        batch = []
        for pk, words, text in Passage.objects.values_list("pk", "words", "text").iterator(5000):
            batch.append((pk, words, " ".join(bigrams(text))))
            if len(batch) == 5000:
                cursor.executemany(
                    "INSERT INTO bench_fts(rowid, words, grams) VALUES (?,?,?)", batch
                )
                batch = []
        cursor.executemany("INSERT INTO bench_fts(rowid, words, grams) VALUES (?,?,?)", batch)
    return time.perf_counter() - started


def fts5_ask(question: str) -> list[int]:
    from django.db import connection

    from guifan.knowledge.question import analyze

    parsed = analyze(question)
    terms = [f'words:"{w}"' for w in parsed.words + parsed.synonyms]
    terms += [f'grams:"{g}"' for g in parsed.grams]
    if not terms:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM bench_fts WHERE bench_fts MATCH %s "
            "ORDER BY bm25(bench_fts, 1.0, 0.15) LIMIT 30",
            [" OR ".join(terms)],
        )
        return [row[0] for row in cursor.fetchall()]


def timed(function, questions: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per question. On the shared 2-core machine other
    sessions take most of the processor, so the wall clock mostly measures waiting for it;
    the CPU time of the asking thread (tantivy searches in it, SQLite runs in it) is what
    one question costs."""
    for question in questions:  # warm-up: caches, page cache, jieba
        function(question)
    wall, cpu = [], []
    for _ in range(rounds):
        for question in questions:
            started, thread = time.perf_counter(), time.thread_time()
            function(question)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - thread) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data = Path(os.environ.get("GUIFAN_DATA_DIR", "/tmp/guifan-bench/kb"))
    shutil.rmtree(data, ignore_errors=True)
    os.environ.update(GUIFAN_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="guifan.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from guifan.knowledge.index import index_sync
    from guifan.knowledge.selectors import SERVER, kb_ask
    from guifan.knowledge.services import knowledge_load
    from guifan.knowledge.tests.quality import load_questions

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    knowledge_load(paths=[settings.GUIFAN_LAWS_DIR, settings.GUIFAN_KB_NOTICES_DIR])
    load_seconds = time.perf_counter() - started
    total = synthesise(args.passages)
    started = time.perf_counter()
    index_sync(rebuild=True)
    build = time.perf_counter() - started
    fts_build = fts5_build()
    questions = [case.question for case in load_questions()]

    ours = timed(lambda q: kb_ask(user=SERVER, question=q, top=3), questions, args.rounds)
    fts = timed(fts5_ask, questions, args.rounds)
    like = timed(naive_like, questions, 1)
    print(f"passages: {total:,}; questions: {len(questions)} × {args.rounds} rounds (warm)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"loading the real corpus (cut, store, journal): {load_seconds:.1f} s")
    print(f"index build from the database (tantivy): {build:.1f} s; FTS5 build: {fts_build:.1f} s")
    for name, (wall, cpu) in (
        ("kb ask (tantivy + rescoring)", ours),
        ("FTS5 first stage only", fts),
        ("naive LIKE scan", like),
    ):
        print(
            f"{name:32} wall p50 {statistics.median(wall):7.1f} ms  p95 {p95(wall):7.1f} ms"
            f"   CPU p50 {statistics.median(cpu):7.1f} ms  p95 {p95(cpu):7.1f} ms"
        )
    for name, (wall, cpu) in (("naive LIKE", like), ("FTS5", fts)):
        print(
            f"{name} p95 ÷ kb ask p95: wall {p95(wall) / p95(ours[0]):.1f}×, "
            f"CPU {p95(cpu) / p95(ours[1]):.1f}×"
        )


if __name__ == "__main__":
    main()
