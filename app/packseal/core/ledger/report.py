"""What a verification found: problems (tampering, missing files), warnings and notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Problems: something was altered, removed or forged. Any problem means exit code 1.
ENTRY_MALFORMED = "entry-malformed"
BODY_MALFORMED = "body-malformed"
SEQ_GAP = "seq-gap"
SEQ_OUT_OF_ORDER = "seq-out-of-order"
PREV_MISMATCH = "prev-mismatch"
BAD_SIGNATURE = "bad-signature"
KEY_MISMATCH = "key-mismatch"
KEY_UNKNOWN = "key-unknown"
KEY_SWAPPED = "key-swapped"
GENESIS_INVALID = "genesis-invalid"
LEDGER_MISSING = "ledger-missing"
LEDGER_FILE_MISSING = "ledger-file-missing"
LEDGER_ROLLED_BACK = "ledger-rolled-back"
CHECKPOINT_FILE_INVALID = "checkpoint-file-invalid"
CHECKPOINT_ROOT_MISMATCH = "checkpoint-root-mismatch"
TIMESTAMP_INVALID = "timestamp-invalid"
FILE_MISSING = "file-missing"
FILE_TRUNCATED = "file-truncated"
FILE_SIZE_MISMATCH = "file-size-mismatch"
FILE_HASH_MISMATCH = "file-hash-mismatch"
FILE_REPLACED = "file-replaced"
PATH_OUTSIDE = "path-outside-data-dir"
RETENTION_MISMATCH = "retention-mismatch"
SEAL_INVALID = "seal-invalid"
SEAL_MISSING = "seal-missing"
SEAL_ENTRY_MISMATCH = "seal-entry-mismatch"
SEAL_KEY_MISMATCH = "seal-key-mismatch"
NOT_CANONICAL = "entry-not-canonical"
KEY_COMPROMISED = "key-compromised"
WITNESS_MISMATCH = "witness-mismatch"

# Warnings: worth a look, not evidence of tampering.
CLOCK_BACKWARDS = "clock-backwards"
TORN_LINE = "torn-line"
TORN_REPAIRED = "torn-tail-repaired"
UNKNOWN_KIND = "unknown-kind"
NOT_CHECKPOINTED = "not-checkpointed"
CHECKPOINT_FILE_MISSING = "checkpoint-file-missing"
TIMESTAMP_UNTRUSTED = "timestamp-untrusted"
TIMESTAMP_PENDING = "timestamp-pending"
CLIP_RENAMED = "clip-renamed"
WITNESS_HISTORY_REPLACED = "witness-history-replaced"

# Notes: facts a reader may want (a file deleted under the retention policy).
FILE_RETAINED = "file-retained"
INCLUDED = "included-in-checkpoint"

_TEXT_LIMIT = 20  # per code, in the human report; JSON has everything


@dataclass(frozen=True)
class Problem:
    """One finding: a code from this module, a sentence, and where (entry seq, file)."""

    code: str
    message: str
    seq: int | None = None
    file: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "seq": self.seq, "file": self.file}

    def line(self) -> str:
        where = []
        if self.seq is not None:
            where.append(f"entry {self.seq}")
        if self.file:
            where.append(self.file)
        prefix = f"[{', '.join(where)}] " if where else ""
        return f"{self.code}: {prefix}{self.message}"


@dataclass
class VerifyReport:
    """The outcome of one verification. ``ok`` when there are no problems."""

    target: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    info: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    #: What a verdict is about (packseal.core.ledger.verdict.Subject), filled in by the verifier.
    subject: Any = None

    def problem(self, code: str, message: str, seq: int | None = None, file: str | None = None) -> None:
        self.problems.append(Problem(code, message, seq, file))

    def warn(self, code: str, message: str, seq: int | None = None, file: str | None = None) -> None:
        self.warnings.append(Problem(code, message, seq, file))

    def note(self, code: str, message: str, seq: int | None = None, file: str | None = None) -> None:
        self.info.append(Problem(code, message, seq, file))

    def count(self, name: str, n: int = 1) -> None:
        self.checked[name] = self.checked.get(name, 0) + n

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def exit_code(self) -> int:
        """0 when everything checked, 1 when anything was tampered with or is missing."""
        return 0 if self.ok else 1

    def codes(self) -> set[str]:
        """The distinct problem codes (handy in tests and scripts)."""
        return {p.code for p in self.problems}

    def to_json(self) -> dict[str, Any]:
        return {"target": self.target, "ok": self.ok, "exit_code": self.exit_code,
                "problems": [p.to_json() for p in self.problems],
                "warnings": [p.to_json() for p in self.warnings],
                "info": [p.to_json() for p in self.info],
                "checked": dict(self.checked)}

    def format_text(self) -> str:
        """A report for people: verdict first, then each problem with where it is."""
        counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.checked.items())
        lines = [f"PackSeal verification of {self.target}"]
        if self.ok:
            lines.append(f"OK: nothing was altered or removed. Checked {counts or 'nothing'}.")
        else:
            lines.append(f"FAILED: {len(self.problems)} problem(s). Checked {counts or 'nothing'}.")
        for title, items in (("Problems", self.problems), ("Warnings", self.warnings),
                             ("Notes", self.info)):
            if not items:
                continue
            lines.append("")
            lines.append(f"{title}:")
            shown: Counter[str] = Counter()
            hidden: Counter[str] = Counter()
            for item in items:
                if shown[item.code] < _TEXT_LIMIT:
                    shown[item.code] += 1
                    lines.append(f"  - {item.line()}")
                else:
                    hidden[item.code] += 1
            for code, n in hidden.items():
                lines.append(f"  ... and {n} more {code} (see --json)")
        return "\n".join(lines)
