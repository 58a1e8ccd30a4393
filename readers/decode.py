"""Bytes to text: UTF-8 first, then the Windows code page old scrapers save in."""
from __future__ import annotations

from .errors import ReadError

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    return sum(b in _CONTROL for b in sample) > len(sample) * 0.05


def decode(data: bytes) -> str:
    if not data.strip():
        raise ReadError("empty file")
    if looks_binary(data):
        raise ReadError("binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
