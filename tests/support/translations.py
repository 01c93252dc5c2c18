"""Where the translation catalogue is, for the tests that check it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "packseal_zh_CN.ts"
