"""Qt's own texts that Qt's Chinese catalogue (qtbase_zh_CN.qm) does not translate.

Qt's file dialog labels its fields "&Look in:" and "Files of &type:", but
the catalogue shipped with PySide6 only knows older spellings of them, so a
Chinese window showed those two in English. Listing them here, in Qt's own
context, puts them into PackSeal's catalogue (lupdate reads these calls),
which is installed after Qt's and therefore asked first.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QT = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
