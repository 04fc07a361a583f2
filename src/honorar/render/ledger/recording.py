"""What `honorar ledger record` did: the batch kept, or why nothing was."""

from __future__ import annotations

import shlex
from typing import Any

from ...i18n import locale
from ...ledger import Recording
from .. import messages
from ..jsonout import amount
from ..terminal import Console, escape


def recording_json(recording: Recording, *, name: str, file: str, sha256: str) -> dict[str, Any]:
    batch, summary = recording.batch, recording.summary
    return {
        "batch": name, "recorded": batch is not None, "file": file, "sha256": sha256,
        "paid_on": batch.paid_on.isoformat() if batch else None,
        "claims": batch.claims if batch else 0,
        "paid": amount(batch.paid) if batch else "0.00",
        "rows": summary.rows,
        "not_recorded": recording.not_recorded,
        "findings": dict(summary.findings_in_order()),
    }


def print_recording(recording: Recording, *, name: str, file: str, ledger: str, lang: str,
                    console: Console) -> None:
    batch, summary = recording.batch, recording.summary
    if batch is None:
        codes = ", ".join(f"{code} {count}" for code, count in summary.findings_in_order()
                          if summary.code_severity.get(code) == "error")
        console.print(escape(messages.text("ledger_refused", {
            "batch": name, "errors": summary.severities.get("error", 0), "codes": codes,
            # the command is to be pasted into a shell: names quoted as it needs them
            "file": shlex.quote(file), "ledger": shlex.quote(ledger)}, lang)))
        return
    console.print(escape(messages.text("ledger_recorded", {
        "batch": batch.name, "claims": batch.claims, "paid_kr": batch.paid,
        "paid_date": batch.paid_on}, lang)))
    for reason, count in recording.not_recorded.items():
        if count:
            console.print("  " + escape(messages.text(f"ledger_not_recorded_{reason}",
                                                      {"count": count}, lang)))
    if summary.findings:
        found = ", ".join(f"{code} {locale.number(count, lang)}"
                          for code, count in summary.findings_in_order())
        console.print("  " + escape(messages.text("ledger_findings_accepted", {"codes": found},
                                                  lang)))
