"""The window's pages — packing station, library, dispute, orders — one shown at a time, chosen in a side bar.

Each page is a button in a narrow bar on the left and an action with its
own shortcut (Ctrl+1, Ctrl+2, …) for the window's menu. Only what is shown
changes: the station keeps recording, the library keeps its search, the
dispute view its comparison, whatever page is in front.

A page may be given as a function that builds it: it is built (and its
modules imported) when it is first shown or asked for, so the window comes
up, and shows the live picture, without the owner's pages.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QStackedWidget, QToolButton, QVBoxLayout, QWidget

STATION, LIBRARY, DISPUTE, ORDERS, STATISTICS = "station", "library", "dispute", "orders", "statistics"
ICON_SIZE = QSize(32, 32)


class PageSwitcher(QWidget):
    """Side bar of page buttons beside a stack of pages; see the module docstring."""

    page_changed = Signal(str)  # key of the page now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageSwitcher")
        self.sidebar = QFrame(self)
        self.sidebar.setObjectName("pageSidebar")
        self.sidebar.setFrameShape(QFrame.Shape.StyledPanel)
        self._bar = QVBoxLayout(self.sidebar)
        self._bar.setContentsMargins(4, 6, 4, 6)
        self._bar.setSpacing(4)
        self._bar.addStretch(1)
        self.stack = QStackedWidget(self)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._keys: list[str] = []
        self._builders: dict[str, Callable[[], QWidget]] = {}  # pages not built yet
        self.buttons: dict[str, QToolButton] = {}
        self.actions: dict[str, QAction] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)

    def add_page(self, key: str, widget: QWidget | Callable[[], QWidget], icon: QIcon, shortcut: str) -> QAction:
        """Add ``widget`` as page ``key`` (or the function that builds it when first needed); returns
        its action (shortcut ``shortcut``) for a menu."""
        button = QToolButton(self.sidebar)
        button.setObjectName(f"pageButton-{key}")
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setIcon(icon)
        button.setIconSize(ICON_SIZE)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setMinimumWidth(84)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the packer's keys stay with the page
        button.clicked.connect(lambda _=False, k=key: self.show_page(k))
        self._group.addButton(button)
        self._bar.insertWidget(len(self._keys), button)
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(True)
        action.triggered.connect(lambda _=False, k=key: self.show_page(k))
        if isinstance(widget, QWidget):
            self.stack.addWidget(widget)
        else:
            self._builders[key] = widget
            self.stack.addWidget(QWidget(self.stack))  # holds the page's place until it is built
        self._keys.append(key)
        self.buttons[key] = button
        self.actions[key] = action
        if len(self._keys) == 1:
            self._mark(key)
        return action

    @property
    def current(self) -> str:
        """Key of the page shown."""
        return self._keys[self.stack.currentIndex()] if self._keys else ""

    def page(self, key: str) -> QWidget:
        """Page ``key``, built now if it was not yet."""
        index = self._keys.index(key)
        build = self._builders.get(key)
        if build is not None:
            page = build()  # when it fails, the place stays and the next visit tries again
            del self._builders[key]
            place = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(place)
            place.deleteLater()
        return self.stack.widget(index)

    def built(self, key: str) -> bool:
        """Whether page ``key`` exists yet (a page given as a function is built when first needed)."""
        return key not in self._builders

    def show_page(self, key: str) -> None:
        """Bring page ``key`` to the front (nothing happens to the others)."""
        if key == self.current:
            self._mark(key)
            return
        self.stack.setCurrentWidget(self.page(key))
        self._mark(key)
        self.page_changed.emit(key)

    def set_text(self, key: str, text: str, tooltip: str) -> None:
        """The page's name under its button and in the menu, and the button's tooltip."""
        shortcut = self.actions[key].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.buttons[key].setText(text)
        self.buttons[key].setToolTip(f"{tooltip} ({shortcut})" if shortcut else tooltip)
        self.actions[key].setText(text)

    def set_icon(self, key: str, icon: QIcon) -> None:
        self.buttons[key].setIcon(icon)

    def _mark(self, key: str) -> None:
        self.buttons[key].setChecked(True)
        for k, action in self.actions.items():
            action.setChecked(k == key)
