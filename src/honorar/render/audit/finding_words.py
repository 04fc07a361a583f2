"""The words of an audit's findings, in either language, fast for a million rows.

Building a message (templates and locale-aware money) costs tens of microseconds; the
same few messages repeat through a file, so they are kept by their key and values. An
unreadable row's reason is written in the chosen language, and its column by the name the
file gives it.
"""

from __future__ import annotations

from collections.abc import Mapping

from ... import i18n, memo
from ...audit.checks import FileTotal
from ...domain import Finding
from ...i18n import locale
from .. import messages

SEVERITY_WORDS = i18n.Words("severity")  # SEVERITY_WORDS["nn"]["warning"] is "åtvaring"
_CACHE_LIMIT = 20_000


class FindingTexts:
    def __init__(self, lang: str, column_names: Mapping[str, str] | None = None) -> None:
        self.lang = lang
        self.column_names = dict(column_names or {})
        self._cache: dict[tuple, str] = {}

    def __call__(self, finding: Finding) -> str:
        if "other_row" in finding.params:  # names another row: never the same twice
            return self._text(finding)
        try:
            key = (finding.message_key, finding.code, tuple(finding.params.items()))
            hash(key)
        except TypeError:  # an unreadable row's reason carries a dict; those are few
            return self._text(finding)
        text = self._cache.get(key)
        if text is None:
            if len(self._cache) >= _CACHE_LIMIT or not memo.ON:
                self._cache.clear()
            text = self._cache[key] = self._text(finding)
        return text

    def _text(self, finding: Finding) -> str:
        if finding.code == "invalid_row":
            return self._invalid_row(finding)
        if finding.code == "file_total_mismatch":
            params = {**finding.params, "label": self._quoted(str(finding.params["label"])),
                      "column": self._column(str(finding.params["column"]))}
            return messages.text(finding.message_key, params, self.lang)
        if finding.key == "unknown_scheme" and finding.params.get("known"):
            return messages.text("unknown_scheme_known", finding.params, self.lang)
        return messages.finding_text(finding, self.lang)

    def _quoted(self, text: str) -> str:
        return locale.quoted(text, self.lang)

    def _column(self, column: str) -> str:
        """A column by the name the file gives it, quoted."""
        return self._quoted(self.column_names.get(column, column))

    def file_total_agrees(self, total: FileTotal) -> str:
        """'The file's own total 'Sum' (row 42) agrees with the claims above it: …'."""
        amounts = ", ".join(f"{self.column_names.get(c, c)} {locale.money(v, self.lang)}"
                            for c, v in total.stated.items())
        return messages.text("file_total_agrees", {"label": self._quoted(total.label),
                                                   "row": str(total.row), "amounts": amounts},
                             self.lang)

    def unreadable_rows(self, count: int) -> str | None:
        """That rows which cannot be read are not in the totals (None when there are none)."""
        if not count:
            return None
        return messages.text("unreadable_rows_not_in_totals", {"count": count}, self.lang)

    def _invalid_row(self, finding: Finding) -> str:
        params = finding.params
        why_key = params.get("why_key")
        if why_key in messages.TEMPLATES:
            why = messages.text(why_key, params.get("why_params") or {}, self.lang)  # type: ignore[arg-type]
            if len(why) > 1 and why[1].islower():
                why = why[0].lower() + why[1:]
        else:
            why = str(params.get("why", ""))
        column = params.get("column")
        if column is None:
            return messages.text("invalid_row_no_column", {"why": why}, self.lang)
        name = self.column_names.get(str(column), str(column))
        return messages.text("invalid_row", {"column": locale.quoted(name, self.lang),
                                             "why": why}, self.lang)
