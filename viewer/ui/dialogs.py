"""The window's dialogs by name: one of each kind at a time, and the focus given back when one closes.

Commands open their dialogs window-modal (never blocking the event loop) and
hand them to DialogKeeper under a name ("shortcuts", "palette", "recent",
"open", "location", "about"), so a second Ctrl+O replaces the first dialog
rather than stacking, tests can find the dialog a key opened, and the window
closes them all when it closes.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# After these, the focus goes to the text (a new article is there to read), not where it was.
_BACK_TO_TEXT = ("open", "recent", "location")


class DialogKeeper:
    def __init__(self, window: QWidget, text: QWidget) -> None:
        self._window = window
        self._text = text
        self._dialogs: dict[str, QDialog] = {}

    def keep(self, name: str, dialog: QDialog) -> None:
        """Remember dialog as the one open under name (closing any earlier one)."""
        old = self._dialogs.pop(name, None)
        if old is not None:
            old.close()
            old.deleteLater()
        from PySide6.QtCore import Qt  # the keeper is made before the first paint, its dialogs after (qt_values)

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._dialogs[name] = dialog
        # Give the focus back where it was (the text after opening an article), so it is never lost.
        focus = QApplication.focusWidget()
        back_to = self._text if name in _BACK_TO_TEXT or focus is None else focus
        dialog.finished.connect(lambda _result: QTimer.singleShot(0, lambda: self._refocus(back_to)))

    def get(self, name: str) -> QDialog | None:
        return self._dialogs.get(name)

    def close_all(self) -> None:
        for dialog in self._dialogs.values():
            dialog.close()

    def _refocus(self, widget: QWidget) -> None:
        if QApplication.activeModalWidget() is not None:
            return  # another dialog has taken over
        self._window.activateWindow()
        target = widget if widget.isVisible() else self._text
        target.setFocus()  # (OtherFocusReason)
