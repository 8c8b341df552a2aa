from collections.abc import Iterator
from itertools import islice

from django.utils import timezone

from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb

EXPORT_COLUMNS = [
    ("序号", 8),
    ("时间", 20),
    ("操作人", 16),
    ("来源地址", 16),
    ("操作", 16),
    ("对象", 30),
    ("说明", 60),
    ("内容（原始记录）", 50),
    ("哈希", 66),
]
CHUNK = 2000


def export_rows(entries) -> Iterator[list]:
    """Each entry with its sentence and, for the auditor's tools, its payload as stored."""
    labels = dict(Verb.choices)
    stream = entries.iterator(chunk_size=CHUNK)
    while chunk := list(islice(stream, CHUNK)):
        for entry, sentence in zip(chunk, describe(chunk), strict=True):
            yield [
                entry.seq,
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                entry.actor_name,
                entry.ip,
                str(labels.get(entry.verb, entry.verb)),
                entry.target_label,
                sentence,
                entry.payload,
                entry.entry_hash,
            ]


__all__ = ["EXPORT_COLUMNS", "Entry", "export_rows"]
