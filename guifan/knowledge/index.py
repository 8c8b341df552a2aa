"""The search index: a tantivy index on disk, derived from the passages in the database.

The database is the truth; the index is rebuilt from it whenever it is missing and brought
up to date by comparing the versions it holds with the database's (``index_sync``). A change
of documents writes a new ``IndexState.stamp`` and enqueues the sync for the worker; a search
compares the stamp with the one the index was last synced to (one small query) and, when the
index is behind or lost, asks the worker again and answers from what there is.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tantivy
from django.conf import settings
from django.db.models import Count, Min

from guifan.knowledge.models import IndexState, Passage, Version
from guifan.knowledge.text import bigrams, normalize, words

SCHEMA_VERSION = 2
TOKENIZER = "ws"  # fields hold words we cut ourselves, separated by spaces
STATE = "state.json"
VERSIONS = "guifan-versions.json"
STALE_SHARE = 0.2  # rebuild rather than update when more than this share would go
_lock = threading.RLock()
_open: dict = {}


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("passage", stored=True)
    builder.add_unsigned_field("version", indexed=True)
    for name in ("scope", "kind", "law", "current"):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("words", tokenizer_name=TOKENIZER, index_option="freq")
    builder.add_text_field("grams", tokenizer_name=TOKENIZER, index_option="position")
    builder.add_text_field("heading", tokenizer_name=TOKENIZER, index_option="freq")
    builder.add_text_field("cite", tokenizer_name=TOKENIZER, index_option="freq")
    return builder.build()


SCHEMA = _schema()


def base_dir() -> Path:
    return Path(settings.GUIFAN_KB_INDEX_DIR)


def _open_index(path: Path) -> tantivy.Index:
    index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
    index.register_tokenizer(
        TOKENIZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    )
    return index


def _read_state() -> dict:
    try:
        state = json.loads((base_dir() / STATE).read_text())
        state["versions"] = json.loads((base_dir() / state["dir"] / VERSIONS).read_text())
    except (OSError, ValueError, KeyError):
        return {}
    return state if state.get("schema") == SCHEMA_VERSION else {}


def _write_state(state: dict) -> None:
    (base_dir() / state["dir"] / VERSIONS).write_text(json.dumps(state["versions"]))
    tmp = base_dir() / f"{STATE}.{os.getpid()}"
    tmp.write_text(json.dumps({k: state[k] for k in ("schema", "dir", "stamp")}))
    tmp.replace(base_dir() / STATE)


def database_stamp() -> str:
    return IndexState.objects.filter(pk=1).values_list("stamp", flat=True).first() or ""


def _version_keys() -> dict[str, str]:
    """Each version as the index must hold it: id → what makes its index documents."""
    rows = Version.objects.annotate(first=Min("passages__id"), count=Count("passages"))
    rows = rows.values_list(
        "id",
        "sha256",
        "first",
        "count",
        "current",
        "document__unit_id",
        "document__campaign_id",
        "document__short_name",
        "document__kind",
    )
    return {str(row[0]): ":".join(str(v) for v in row[1:]) for row in rows}


@lru_cache(maxsize=4096)
def _heading_words(heading: str) -> str:
    return " ".join(words(heading))


def _scope_token(unit_id, campaign_id) -> str:
    return f"u{unit_id}" if unit_id else f"c{campaign_id}" if campaign_id else "public"


def _documents(version_ids: list[int]):
    passages = (
        Passage.objects.filter(version_id__in=version_ids)
        .select_related("document", "version")
        .defer("version__text")  # the whole law, once per passage: 1 GB for 2,765 passages
        .order_by("id")
    )
    for p in passages.iterator(chunk_size=2000):
        doc = p.document
        cite = [normalize(doc.short_name or doc.title)]
        if p.article:
            cite.append(f"第{p.article}条" + (f"之{p.article_sub}" if p.article_sub else ""))
        document = tantivy.Document()
        document.add_unsigned("passage", p.pk)
        document.add_unsigned("version", p.version_id)
        document.add_text("current", "yes" if p.version.current else "no")
        document.add_text("scope", _scope_token(doc.unit_id, doc.campaign_id))
        document.add_text("kind", doc.kind)
        if doc.kind == "law":
            document.add_text("law", doc.short_name)
        document.add_text("words", p.words)
        document.add_text("grams", " ".join(bigrams(p.text)))
        label = (
            p.heading
            if doc.kind == "law" or p.citation in p.heading
            else f"{p.heading} {p.citation}"
        )
        document.add_text("heading", _heading_words(label))
        document.add_text("cite", " ".join(cite))
        yield document


@dataclass
class SyncReport:
    rebuilt: bool
    added: int
    removed: int
    seconds: float


def _passages_in(key: str) -> int:
    return int(key.split(":")[2])  # see _version_keys: sha, first id, count, …


def _mostly_stale(held: dict[str, str], wanted: dict[str, str]) -> bool:
    stale = sum(_passages_in(key) for v, key in held.items() if wanted.get(v) != key)
    return stale > STALE_SHARE * max(1, sum(_passages_in(key) for key in held.values()))


def index_sync(*, rebuild: bool = False) -> SyncReport:
    """Bring the index up to the database (one process at a time)."""
    started = time.monotonic()
    base_dir().mkdir(parents=True, exist_ok=True)
    with open(base_dir() / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp = database_stamp()
        state = {} if rebuild else _read_state()
        wanted = _version_keys()
        if state and state["stamp"] == stamp and state["versions"] == wanted:
            return SyncReport(False, 0, 0, time.monotonic() - started)
        if state and _mostly_stale(state["versions"], wanted):
            state = {}  # deleted documents still weigh in tantivy's statistics: start afresh
        if not state:
            state = {"schema": SCHEMA_VERSION, "dir": f"index-{time.time_ns()}", "versions": {}}
        held = state["versions"]
        stale = [v for v in held if wanted.get(v) != held[v]]
        fresh = [v for v in wanted if held.get(v) != wanted[v]]
        index = (
            _open_index(base_dir() / state["dir"])
            if (base_dir() / state["dir"]).is_dir()
            else _create(base_dir() / state["dir"])
        )
        writer = index.writer(heap_size=128_000_000, num_threads=1)
        for version in stale:
            writer.delete_documents_by_term("version", int(version))
        for document in _documents([int(v) for v in fresh]):
            writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()
        _write_state({**state, "stamp": stamp, "versions": wanted})
        for path in base_dir().glob("index-*"):
            if path.name != state["dir"]:  # an earlier build; open readers keep their files
                shutil.rmtree(path, ignore_errors=True)
        _forget()
    return SyncReport(not held, len(fresh), len(stale), time.monotonic() - started)


def _create(path: Path) -> tantivy.Index:
    path.mkdir(parents=True)
    return _open_index(path)


def _forget() -> None:
    _open.pop("state_mtime", None)


def _state() -> dict:
    """The index's state file, read again only when it changed."""
    try:
        mtime = (base_dir() / STATE).stat().st_mtime_ns
    except OSError:
        return {}
    if _open.get("state_mtime") != mtime:
        try:
            state = json.loads((base_dir() / STATE).read_text())
        except (OSError, ValueError):
            return {}
        _open.update(state=state, state_mtime=mtime)
    return _open["state"]


# While the index is behind, a process asks the worker once per database stamp, and again
# after this many seconds if it is still behind (the worker was down, the task failed).
ASK_AGAIN = 60.0


def _ask_for_sync(stamp: str) -> None:
    asked = _open.get("asked")
    if asked and asked[0] == stamp and time.monotonic() - asked[1] < ASK_AGAIN:
        return
    _open["asked"] = (stamp, time.monotonic())
    from guifan.knowledge.tasks import index_sync_soon  # tasks imports this module

    index_sync_soon()


def _usable(state: dict) -> bool:
    return bool(state) and (base_dir() / state["dir"]).is_dir()


# How long a process trusts the database stamp it last read: a change committed by another
# process is seen this much later at most (one query fewer per question).
STAMP_TRUSTED = 1.0


def _current_stamp() -> str:
    checked = _open.get("stamp_checked")
    if checked and time.monotonic() - checked[0] < STAMP_TRUSTED:
        return checked[1]
    stamp = database_stamp()
    _open["stamp_checked"] = (time.monotonic(), stamp)
    return stamp


def stamp_changed() -> None:
    """This process changed the documents: the next search reads the stamp again."""
    _open.pop("stamp_checked", None)


def searcher() -> tantivy.Searcher | None:
    """A searcher on the index as it is. An index behind the database is still searched
    while the worker brings it up to date; a lost one (never built, deleted) gives None until
    the worker has rebuilt it. Neither is rebuilt here: a question must not wait for that."""
    with _lock:
        state = _state()
        stamp = _current_stamp()
        if not _usable(state) or state.get("stamp") != stamp:
            _ask_for_sync(stamp)
            _forget()  # a worker in this process (tests, the shell) may have synced already
            state = _state()
        _open["behind"] = not _usable(state) or state.get("stamp") != stamp
        if not _open["behind"]:
            _open.pop("asked", None)  # caught up: the next time it falls behind, ask again
        if not _usable(state):
            return None
        if _open.get("dir") != state["dir"]:
            _open.update(dir=state["dir"], index=_open_index(base_dir() / state["dir"]))
            _open["seen"] = None
        if _open.get("seen") != _open["state_mtime"]:
            _open["index"].reload()
            _open["searcher"] = _open["index"].searcher()
            _open["seen"] = _open["state_mtime"]
        return _open["searcher"]


def index_behind() -> bool:
    """Was the index missing or behind the database at the last search (its answers may
    be incomplete)?"""
    return _open.get("behind", False)
