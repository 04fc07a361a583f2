"""What kind of file a claims file is, by its first bytes whatever its name: a workbook
(.xlsx, .xlsm, .xls, .ods), or a document of another kind that holds no claims. The
sniffer (`opening.read_claims`) asks here which reader to choose.
"""

from __future__ import annotations

from ..problem import said
from .records import ClaimFileError

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")


_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_POWERPOINT_STREAM = "PowerPoint Document".encode("utf-16-le")
_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))

# Files people send that are no claims at all, by their first bytes: what they are called
# in the one line that refuses them
NOT_CLAIMS = {
    "pdf": "a PDF", "word": "a Word document", "powerpoint": "a PowerPoint presentation",
    "odt": "an OpenDocument text", "odp": "an OpenDocument presentation",
    "png": "an image (PNG)", "jpeg": "an image (JPEG)",
    "gif": "an image (GIF)", "tiff": "an image (TIFF)", "webp": "an image (WebP)",
    "heic": "an image (HEIC)", "bmp": "an image (BMP)", "gzip": "a gzip archive",
    "7z": "a 7-Zip archive", "rar": "a RAR archive",
}


def workbook_kind(head: bytes) -> str | None:
    """'xlsx', 'ods', 'xls', 'encrypted' or 'zip' (an archive of another kind) from a file's
    first bytes, or a key of `NOT_CLAIMS` for a file that is no spreadsheet at all (a PDF,
    a Word document, an image); None for anything else (text, to be read as CSV)."""
    if head.startswith(_ZIP):
        if head[30:38] == b"mimetype":
            if _ODS_MIMETYPE in head[:200]:
                return "ods"
            if _ODT_MIMETYPE in head[:200]:
                return "odt"
            if _ODP_MIMETYPE in head[:200]:
                return "odp"
        if b"xl/" in head:
            return "xlsx"
        if b"word/" in head:
            return "word"
        if b"ppt/" in head:
            return "powerpoint"
        return "xlsx" if b"[Content_Types].xml" in head else "zip"
    if head.startswith(_OLE2):
        if ENCRYPTED in head:
            return "encrypted"
        if not any(s in head for s in _EXCEL_STREAMS):
            if _WORD_STREAM in head:
                return "word"
            if _POWERPOINT_STREAM in head:
                return "powerpoint"
        return "xls"
    return _other_kind(head)


# what a file that is neither a spreadsheet nor a CSV file starts with
_SIGNATURES = (
    (b"%PDF", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"), (b"GIF89a", "gif"), (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"),
    (b"\x1f\x8b", "gzip"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "rar"),
)


def _other_kind(head: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "heic"
    if head.startswith(b"BM") and len(head) > 26 and head[6:10] == b"\0\0\0\0":
        return "bmp"
    return None


def not_claims(name: str, kind: str) -> ClaimFileError:
    """The one line that refuses a file that is no spreadsheet and no CSV file."""
    return ClaimFileError(said("claims.not_claims", file=name, what=said(f"claims.kind.{kind}")))
