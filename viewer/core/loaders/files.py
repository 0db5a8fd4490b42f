"""Reading a user's file safely: read-only, size-limited, and every failure as one sentence.

Also recognises what a file is from its first bytes, so a PDF or a web page
saved with the wrong extension still opens, and a picture or an archive is
named as what it is instead of being shown as garbage.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import ArticleError

MB = 1024 * 1024
MAX_BYTES = 20 * MB  # text, web pages, Markdown, downloads: far beyond any article, small enough to stay quick
MAX_PDF_BYTES = 60 * MB  # PDFs carry pictures and fonts, so they may be bigger for the same text

# First bytes of formats people might try to open by mistake, and what to call them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a media file"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file; save it as PDF or text first)"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (save it as PDF or text first)"),
    (b"{\\rtf", "an RTF document (save it as PDF or text first)"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00", "a binary file"),
)


def display_name(path: Path) -> str:
    return path.name or str(path)


def size_limit_text(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit // 1024} KB"


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, opened read-only, with every failure turned into one sentence.

    The size is checked on the open file before anything is read, so a huge
    file fails at once; pipes and devices are refused rather than waited on.
    """
    name = display_name(path)
    try:
        if path.is_dir():
            raise ArticleError(f"“{name}” is a folder, not an article file.")
        # O_NONBLOCK: opening a named pipe with no writer would otherwise wait forever.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(path, flags)
        with open(descriptor, "rb") as handle:
            info = os.fstat(descriptor)
            if stat.S_ISDIR(info.st_mode):
                raise ArticleError(f"“{name}” is a folder, not an article file.")
            if not stat.S_ISREG(info.st_mode):
                raise ArticleError(f"“{name}” is not a regular file (it is a pipe, socket or device).")
            if info.st_size > limit:
                raise ArticleError(f"“{name}” is {info.st_size / MB:.1f} MB, larger than the "
                                   f"{size_limit_text(limit)} limit for an article.")
            data = handle.read(limit + 1)
    except ArticleError:
        raise
    except FileNotFoundError:
        raise ArticleError(f"There is no file “{path}”.") from None
    except PermissionError:
        raise ArticleError(f"You do not have permission to read “{name}”.") from None
    except IsADirectoryError:
        raise ArticleError(f"“{name}” is a folder, not an article file.") from None
    except ValueError:  # a NUL character in the name
        shown = name.replace("\0", "\\0")
        raise ArticleError(f"“{shown}” is not a valid file name.") from None
    except OSError as error:
        raise ArticleError(f"“{name}” could not be read: {_reason(error)}.") from None
    if len(data) > limit:  # it grew while we read it
        raise ArticleError(f"“{name}” is larger than the {size_limit_text(limit)} limit for an article.")
    if not data.strip():
        raise ArticleError(f"“{name}” is empty.")
    return data


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).rstrip(".").lower()


def binary_kind(data: bytes) -> str | None:
    """What a file is, for well-known non-text formats ("a PNG image"), else None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def sniff(data: bytes) -> str | None:
    """"pdf" or "html" when the first bytes say so, else None (plain text or unknown)."""
    head = data[:1024]
    if b"%PDF-" in head[:16]:
        return "pdf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml version")) and b"<html" in data[:4096].lower():
        return "html"
    return None
