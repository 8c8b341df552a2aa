"""The tamper-evident journal: an append-only, hash-linked record of every state change."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.core.roles import Role
from guifan.core.scoping import NOTHING, Scope, ScopedQuerySet
from guifan.journal import chain
from guifan.journal.verbs import Verb


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove a journal entry."""


class EntryQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> models.Q:
        # The audit trail is the audit administrator's alone (三员分立).
        return models.Q() if scope.has(Role.AUDITADMIN) else NOTHING

    def update(self, **kwargs):
        raise AppendOnlyError("journal entries cannot be updated")

    def delete(self):
        raise AppendOnlyError("journal entries cannot be deleted")


class Entry(models.Model):
    """One journal entry (审计日志记录): who did what to which object, hash-linked to the last."""

    seq = models.BigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"))
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=150)
    ip = models.CharField(_("来源地址"), max_length=45, blank=True)
    # No choices on the column: every new event type would otherwise need a migration, and
    # an entry must keep the verb it was written with. Verb.label_of() names it.
    verb = models.CharField(_("操作"), max_length=64)
    target_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    target_id = models.CharField(_("对象ID"), max_length=64, blank=True)
    target_label = models.CharField(_("对象"), max_length=200, blank=True)
    payload = models.TextField(_("内容"), default="{}")
    prev_hash = models.CharField(_("前序哈希"), max_length=64)
    entry_hash = models.CharField(_("哈希"), max_length=64)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="journal_entry_target"),
            models.Index(fields=["verb", "at"], name="journal_entry_verb_at"),
            models.Index(fields=["actor_id", "at"], name="journal_entry_actor_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.verb}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("journal entries cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("journal entries cannot be deleted")

    def get_verb_display(self) -> str:
        return Verb.label_of(self.verb)

    def fields(self) -> chain.EntryFields:
        return chain.EntryFields(
            seq=self.seq,
            at=self.at,
            actor_id=self.actor_id,
            actor_name=self.actor_name,
            ip=self.ip,
            verb=self.verb,
            target_type=self.target_type,
            target_id=self.target_id,
            target_label=self.target_label,
            payload=self.payload,
            prev_hash=self.prev_hash,
        )


class Head(models.Model):
    """The end of the chain (链头): the last sequence number and hash, locked while appending."""

    seq = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default=chain.GENESIS_HASH)

    class Meta:
        verbose_name = _("日志链头")

    def __str__(self) -> str:
        return f"head #{self.seq}"


class Subtree(models.Model):
    """A stored node of the journal's Merkle tree (子树哈希): the hash of the 2**level entries
    from index * 2**level, kept so that roots and proofs need not re-hash the whole log.
    The key is ``level << 48 | index``: one indexed lookup per node, and a level's nodes are
    one key range."""

    key = models.BigIntegerField(primary_key=True)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.key >> 48}/{self.key & (1 << 48) - 1}"


class Checkpoint(models.Model):
    """A signed checkpoint (签名检查点): the tree's size and root, signed for witnesses."""

    tree_size = models.BigIntegerField(_("日志条数"))
    root_hash = models.CharField(_("根哈希"), max_length=64)
    note = models.TextField(_("签名检查点"))
    signed_at = models.DateTimeField(_("签发时间"))
    signed_by = models.CharField(_("签发人"), max_length=150)
    file_name = models.CharField(_("文件名"), max_length=200)

    class Meta:
        verbose_name = _("签名检查点")
        verbose_name_plural = _("签名检查点")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"checkpoint {self.tree_size}"


class Tally(models.Model):
    """Repeats of one kind of journaled event (重复事件计数) by one user or address within one
    minute (a refusal, a failed login), counted here instead of journaled one by one; when
    the minute is over they become a single entry carrying the count, so a flood cannot bloat
    the journal. Not part of the chain: a buffer that is emptied into it."""

    key = models.CharField(max_length=200)
    minute = models.DateTimeField()
    verb = models.CharField(max_length=64)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150)
    ip = models.CharField(max_length=45, blank=True)
    repeats = models.PositiveIntegerField(default=0)
    samples = models.TextField(blank=True)  # a few distinct paths or usernames, one a line

    class Meta:
        verbose_name = _("重复事件计数")
        constraints = [
            models.UniqueConstraint(fields=["key", "minute"], name="journal_tally_key_minute")
        ]
        indexes = [models.Index(fields=["minute"], name="journal_tally_minute")]

    def __str__(self) -> str:
        return f"{self.key}@{self.minute:%H:%M} +{self.repeats}"
