"""Text out of the files the office uploads: .docx (python-docx), .pdf (pypdf), .txt and
.md (UTF-8 or GBK). Headings come out as Markdown ``#`` lines so that the segmenter sees
the document's outline whatever the format. No Django."""

from __future__ import annotations

import io
import re
import zipfile

SUFFIXES = (".docx", ".pdf", ".txt", ".md")
PDF_FULL_LINE = 25
MAX_INFLATED = 200 * 1024 * 1024  # a .docx that unpacks beyond this is refused


class Unreadable(Exception):
    """The file cannot be read as text; the message says why, in Chinese."""


def extract_text(name: str, data: bytes) -> str:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SUFFIXES:
        raise Unreadable(f"只能载入 {'、'.join(SUFFIXES)} 文件，{name} 不是")
    if suffix == ".docx":
        text = _docx(data)
    elif suffix == ".pdf":
        text = _pdf(data)
    else:
        text = _plain(data)
    text = re.sub(r"[ \t\u3000]+\n", "\n", text.replace("\r\n", "\n")).strip()
    if not text:
        raise Unreadable(f"{name} 中没有可读取的文字（扫描件请先做文字识别）")
    return text


def _plain(data: bytes) -> str:
    # UTF-8 first: GB18030 decodes almost any bytes, so trying it first would garble UTF-8.
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise Unreadable("文件编码无法识别（请另存为 UTF-8 或 GBK 文本）")


def _docx(data: bytes) -> str:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(m.file_size for m in archive.infolist()) > MAX_INFLATED:
                raise Unreadable("Word 文件解压后过大，拒绝载入（可能是压缩炸弹）")
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise Unreadable("Word 文件已损坏或不是 .docx 格式（.doc 请先另存为 .docx）") from None
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        level = _heading_level(paragraph.style.name if paragraph.style is not None else "")
        lines.append(f"{'#' * level} {text}" if level else text)
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                lines.append("；".join(dict.fromkeys(cells)))
    return "\n".join(lines)


def _heading_level(style: str) -> int:
    match = re.match(r"(?:heading|标题)\s*(\d)", style.strip().lower())
    if match:
        return min(int(match.group(1)) + 1, 6)  # level 1 is the document's own title
    return 1 if style.lower() in ("title", "标题") else 0


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Unreadable("PDF 文件已加密，请先解除密码保护")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError):
        raise Unreadable("PDF 文件已损坏，无法读取") from None
    # PDF lines break where the page did, not where paragraphs end: a full line that does
    # not end a sentence goes on in the next one; short lines are headings or paragraph ends.
    out: list[str] = []
    for line in "\n".join(pages).split("\n"):
        line = line.strip()
        if out and len(out[-1]) >= PDF_FULL_LINE and out[-1][-1] not in "。；：！？:;!?" and line:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)
