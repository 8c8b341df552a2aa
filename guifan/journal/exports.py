from collections.abc import Iterator

from django.utils import timezone

from guifan.journal.models import Entry
from guifan.journal.verbs import Verb

EXPORT_COLUMNS = [
    ("序号", 8),
    ("时间", 20),
    ("操作人", 16),
    ("来源地址", 16),
    ("操作", 16),
    ("对象", 30),
    ("内容", 50),
    ("哈希", 66),
]


def export_rows(entries) -> Iterator[list]:
    labels = dict(Verb.choices)
    for entry in entries.iterator(chunk_size=2000):
        yield [
            entry.seq,
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor_name,
            entry.ip,
            str(labels.get(entry.verb, entry.verb)),
            entry.target_label,
            entry.payload,
            entry.entry_hash,
        ]


__all__ = ["EXPORT_COLUMNS", "Entry", "export_rows"]
