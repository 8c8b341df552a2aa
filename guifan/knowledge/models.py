"""The knowledge base (知识库): documents, their versions, and the passages answers quote."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import Campaign
from guifan.core.scoping import NOTHING, Scope, ScopedQuerySet
from guifan.org.models import Unit


class SourceKind(models.TextChoices):
    NOTICE = "notice", _("通知文件")
    LAW = "law", _("法律法规")
    SYSTEM = "system", _("本系统规则")
    RULES = "rules", _("检查规则库")


def reader_q(scope: Scope, prefix: str = "") -> Q:
    """Documents a user may read: public ones to every business user; a unit's to the
    people of that unit and those who oversee it; a campaign's to those who see it."""
    if scope.is_admin or not scope.roles:
        return NOTHING  # 三员 see no business data
    units = set(scope.business_unit_ids)
    if scope.own_unit_id:
        units.add(scope.own_unit_id)
    campaigns = Campaign.objects.visible_to_scope(scope).values("pk")
    return (
        Q(**{f"{prefix}unit__isnull": True, f"{prefix}campaign__isnull": True})
        | Q(**{f"{prefix}unit__in": units})
        | Q(**{f"{prefix}campaign__in": campaigns})
    )


class DocumentQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return reader_q(scope)


class Document(models.Model):
    """A source the knowledge base answers from (法律法规、通知文件、本系统规则), whatever
    its version; ``unit`` or ``campaign`` restrict who may read it."""

    key = models.CharField(max_length=200, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    short_name = models.CharField(_("简称"), max_length=100, blank=True)
    kind = models.CharField(_("来源"), max_length=10, choices=SourceKind.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("限本单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The unit whose office uploaded it and may replace it; empty for loaded documents.
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("上传单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Old versions of laws and notices stay searchable (marked 旧版); data the system
    # itself provides is simply replaced.
    keeps_history = models.BooleanField(default=True)
    # Restates another source (a campaign template restates the notice): ranked after it.
    secondary = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("知识库文档")
        verbose_name_plural = _("知识库文档")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_token(self) -> str:
        """Who may read it, as the search index filters: public, a unit or a campaign."""
        if self.unit_id:
            return f"u{self.unit_id}"
        if self.campaign_id:
            return f"c{self.campaign_id}"
        return "public"


class Version(models.Model):
    """One text of a document (版本); replacing a document adds a version and marks the
    previous one 旧版."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    label = models.CharField(_("版本说明"), max_length=100, blank=True)
    current = models.BooleanField(_("现行版本"), default=True)
    file_name = models.CharField(_("文件名"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("全文"))
    created_at = models.DateTimeField(_("载入时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("文档版本")
        verbose_name_plural = _("文档版本")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="knowledge_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} 第{self.number}版"


class PassageQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return reader_q(scope, "document__")


class Passage(models.Model):
    """A passage answers quote (条文、条目、问答): an article of a law with its 款, a numbered
    item or paragraph of a notice under its headings."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="passages")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10)
    heading = models.CharField(_("所在章节"), max_length=500, blank=True)
    citation = models.CharField(_("出处"), max_length=300)
    article = models.PositiveIntegerField(null=True, blank=True)
    article_sub = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("内容"))
    # The words the index holds (jieba's cut, normalised), kept so that rebuilding the index
    # does not cut the texts again.
    words = models.TextField()

    objects = PassageQuerySet.as_manager()

    class Meta:
        verbose_name = _("段落")
        verbose_name_plural = _("段落")
        ordering = ["version", "position"]
        indexes = [models.Index(fields=["document", "article"], name="knowledge_article")]

    def __str__(self) -> str:
        return self.citation


def new_stamp() -> str:
    return uuid.uuid4().hex


class IndexState(models.Model):
    """The one row that tells the search index whether it is behind: every change of
    documents writes a new random ``stamp`` (random, not a counter, so that a rolled-back
    change can never leave an equal number behind)."""

    stamp = models.CharField(max_length=32, default=new_stamp)

    def __str__(self) -> str:
        return self.stamp
