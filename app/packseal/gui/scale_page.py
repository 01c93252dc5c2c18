"""Settings → Scale: which serial port, how it talks, its line format, the weight tolerance, and a live test.

The ports are listed by pyserial (off the GUI thread); any other port or URL
can be typed. The test reads the scale with the fields as they are on the
page, in this window, and shows each reading and the last line received, so
the owner sees at once whether the baud rate and the format are right. While
the station itself reads the scale, its port is in use and the test says so:
the station page shows that scale's weight.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from packseal.core.errors import PackSealError
from packseal.core.scale.config import BAUD_RATES, default_scale_settings, scale_from_settings
from packseal.core.scale.patterns import CUSTOM, GRAMS_PER_UNIT, SHIPPED, format_grams
from packseal.core.scale.reader import ScaleReader
from packseal.gui.tasks import TaskRunner

NO_SCALE = ""
_OTHER = "\0other"
_OK, _BAD, _NOTE = "color: #2e7d32;", "color: #c62828;", "color: #555;"


def list_serial_ports() -> list[tuple[str, str]]:
    """(device, description) of the serial ports pyserial finds on this computer."""
    from serial.tools import list_ports

    return [(p.device, p.description if p.description and p.description != "n/a" else p.device)
            for p in sorted(list_ports.comports(), key=lambda p: p.device)]


class ScalePage(QWidget):
    def __init__(self, config: dict[str, Any], runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scalePage")
        self._runner = runner
        config = {**default_scale_settings(), **config}
        self._config = config
        self._found: list[tuple[str, str]] = []
        self._reader: ScaleReader | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)

        self.port = QComboBox(self)
        self.port.setObjectName("scalePort")
        self.other = QLineEdit(self)
        self.other.setObjectName("scalePortPath")
        self.other.setPlaceholderText("/dev/ttyUSB0 | COM3 | socket://host:port")
        self.refresh = QPushButton(self)
        self.refresh.clicked.connect(self._list_ports)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port, 1)
        port_row.addWidget(self.other, 1)
        port_row.addWidget(self.refresh)
        self.baud = QComboBox(self)
        self.baud.setObjectName("scaleBaud")
        for rate in BAUD_RATES if config["baud"] in BAUD_RATES else sorted({*BAUD_RATES, config["baud"]}):
            self.baud.addItem(str(rate), rate)
        self.baud.setCurrentIndex(self.baud.findData(config["baud"]))
        self.framing = QComboBox(self)  # data bits, parity, stop bits as scales' manuals write them
        self.framing.setObjectName("scaleFraming")
        for bits, parity, stop in ((8, "N", 1), (7, "E", 1), (7, "O", 1), (8, "E", 1), (8, "O", 1), (8, "N", 2),
                                   (7, "N", 2)):
            self.framing.addItem(f"{bits}{parity}{stop}", (bits, parity, stop))
        framing = (config["bytesize"], config["parity"], config["stopbits"])
        if self.framing.findData(framing) < 0:
            self.framing.addItem(f"{framing[0]}{framing[1]}{framing[2]:g}", framing)
        self.framing.setCurrentIndex(self.framing.findData(framing))
        self.format = QComboBox(self)
        self.format.setObjectName("scaleFormat")
        for pattern in SHIPPED:
            self.format.addItem(pattern.title, pattern.key)
        self.format.addItem("", CUSTOM)
        self.format.setCurrentIndex(max(0, self.format.findData(config["format"])))
        self.source_note = QLabel(self)
        self.source_note.setWordWrap(True)
        self.source_note.setStyleSheet(_NOTE)
        self.custom = QWidget(self)
        self.custom_regex = QLineEdit(str(config["custom_regex"]), self.custom)
        self.custom_regex.setObjectName("scaleCustomRegex")
        self.custom_stable = QLineEdit(str(config["custom_stable"]), self.custom)
        self.custom_unit = QComboBox(self.custom)
        for unit in GRAMS_PER_UNIT:
            self.custom_unit.addItem(unit, unit)
        self.custom_unit.setCurrentIndex(max(0, self.custom_unit.findData(config["custom_unit"])))
        self._custom_labels = [QLabel(self.custom) for _ in range(3)]
        custom_form = QFormLayout(self.custom)
        custom_form.setContentsMargins(0, 0, 0, 0)
        for label, field in zip(self._custom_labels, (self.custom_regex, self.custom_stable, self.custom_unit)):
            custom_form.addRow(label, field)
        self.tolerance = QSpinBox(self)
        self.tolerance.setObjectName("scaleTolerance")
        self.tolerance.setRange(0, 100_000)
        self.tolerance.setSingleStep(10)
        self.tolerance.setValue(int(config["tolerance_g"]))

        self.test_button = QPushButton(self)
        self.test_button.setObjectName("scaleTest")
        self.test_button.setCheckable(True)
        self.test_button.toggled.connect(self._test_toggled)
        self.test_weight = QLabel("—", self)
        self.test_weight.setObjectName("scaleTestWeight")
        font = self.test_weight.font()
        font.setPixelSize(28)
        font.setBold(True)
        self.test_weight.setFont(font)
        self.test_status = QLabel(self)
        self.test_status.setObjectName("scaleTestStatus")
        self.test_status.setWordWrap(True)
        self.test_line = QLabel(self)
        self.test_line.setObjectName("scaleTestLine")
        self.test_line.setStyleSheet(_NOTE)
        self.test_line.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._show_test)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_weight, 1)

        self._labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout()
        for label, field in zip(self._labels, (port_row, self.baud, self.framing, self.format, self.tolerance)):
            form.addRow(label, field)
        form.insertRow(4, "", self.source_note)
        form.insertRow(5, "", self.custom)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addLayout(test_row)
        lay.addWidget(self.test_status)
        lay.addWidget(self.test_line)
        lay.addStretch(1)

        self.port.currentIndexChanged.connect(self._sync)
        self.format.currentIndexChanged.connect(self._sync)
        self._fill_ports(config["port"])
        self.retranslate()
        self._list_ports()

    # -- the values ------------------------------------------------------------------------
    def port_text(self) -> str:
        data = self.port.currentData()
        return self.other.text().strip() if data == _OTHER else (data or "")

    def scale_settings(self) -> dict[str, Any]:
        """The ``scale`` settings object; raises BadInputError naming what is wrong."""
        bits, parity, stop = self.framing.currentData()
        values = {"port": self.port_text(), "baud": self.baud.currentData(), "bytesize": bits, "parity": parity,
                  "stopbits": stop, "format": self.format.currentData(),
                  "custom_regex": self.custom_regex.text(), "custom_stable": self.custom_stable.text(),
                  "custom_unit": self.custom_unit.currentData(), "tolerance_g": self.tolerance.value()}
        scale_from_settings(values)
        return values

    # -- ports -------------------------------------------------------------------------------
    def _list_ports(self) -> None:
        self._runner.run(list_serial_ports, on_success=self._listed, label="list serial ports")

    def _listed(self, found: list[tuple[str, str]]) -> None:
        current = self.port_text()
        self._found = found
        self._fill_ports(current)

    def _fill_ports(self, current: str) -> None:
        self.port.blockSignals(True)
        self.port.clear()
        self.port.addItem("", NO_SCALE)
        for device, description in self._found:
            self.port.addItem(device if description == device else f"{device} – {description}", device)
        self.port.addItem("", _OTHER)
        i = self.port.findData(current)
        if i < 0:
            i = self.port.findData(_OTHER)
            self.other.setText(current)
        self.port.setCurrentIndex(i)
        self.port.blockSignals(False)
        self._name_port_items()
        self._sync()

    def _name_port_items(self) -> None:
        self.port.setItemText(0, self.tr("No scale"))
        self.port.setItemText(self.port.count() - 1, self.tr("Other port (type it)…"))

    def _sync(self) -> None:
        self.other.setVisible(self.port.currentData() == _OTHER)
        key = self.format.currentData()
        self.custom.setVisible(key == CUSTOM)
        pattern = next((p for p in SHIPPED if p.key == key), None)
        self.source_note.setText(self.tr("Example: {line}\nDocumented in: {source}").format(
            line=pattern.examples[0], source=pattern.source) if pattern else self.tr(
            "A regular expression with a group named weight, and optional groups unit, sign and flag; "
            "a reading is stable when the flag matches the stable pattern."))

    # -- the live test -------------------------------------------------------------------------
    def _test_toggled(self, on: bool) -> None:
        self.stop_test()
        if not on:
            return
        try:
            scale = scale_from_settings(self.scale_settings())
        except PackSealError as exc:
            self._show_error(str(exc))
            return
        if not scale.enabled:
            self._show_error(self.tr("Choose the scale's port first."))
            return
        self._reader = ScaleReader(scale.serial, scale.pattern)
        self._reader.start()
        self.test_status.setStyleSheet(_NOTE)
        self.test_status.setText(self.tr("Opening {port}…").format(port=scale.serial.port))
        self._timer.start()
        self._retext_button()

    def _show_error(self, text: str) -> None:
        self.test_status.setStyleSheet(_BAD)
        self.test_status.setText(text)
        self._release_button()

    def stop_test(self) -> None:
        """Close the port the test opened (also when the page is hidden or the dialog closes)."""
        self._timer.stop()
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.stop(timeout=2)
        self._release_button()

    def _release_button(self) -> None:
        self.test_button.blockSignals(True)
        self.test_button.setChecked(self._reader is not None)
        self.test_button.blockSignals(False)
        self._retext_button()

    def _show_test(self) -> None:
        reader = self._reader
        if reader is None:
            return
        st = reader.status()
        reading = reader.latest()
        if reading is not None:
            self.test_weight.setText(format_grams(reading.grams))
            self.test_weight.setStyleSheet(_OK if reading.stable else "color: #b26a00;")
        else:
            self.test_weight.setText("—")
            self.test_weight.setStyleSheet(_NOTE)
        if st.state == "ok":
            self.test_status.setStyleSheet(_OK)
            self.test_status.setText(
                (self.tr("Stable") if reading and reading.stable else self.tr("Moving")) + " · "
                + self.tr("{readings} of {lines} lines read").format(readings=st.readings, lines=st.lines))
        elif st.state == "lost":
            self.test_status.setStyleSheet(_BAD)
            self.test_status.setText(st.message)
        self.test_line.setText(self.tr("Last line received: {line}").format(line=st.last_line)
                               if st.last_line else self.tr("Nothing received yet."))

    def _retext_button(self) -> None:
        self.test_button.setText(self.tr("Stop the test") if self._reader is not None else self.tr("Test the scale"))

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "A scale connected by a serial or USB-serial cable, set to send its weight continuously. "
            "PackSeal shows the weight at the station, burns it into the picture and seals the stable "
            "weight when an order stops. A scale that goes away is an alert; recording goes on."))
        for label, text in zip(self._labels, (self.tr("Port:"), self.tr("Baud rate:"),
                                              self.tr("Data bits, parity, stop bits:"),
                                              self.tr("Line format:"), self.tr("Weight tolerance (g):"))):
            label.setText(text)
        for label, text in zip(self._custom_labels, (self.tr("Line pattern:"), self.tr("Stable when the flag is:"),
                                                     self.tr("Unit when the line has none:"))):
            label.setText(text)
        for i, pattern in enumerate(SHIPPED):  # a maker's name stays as it is; words are translated
            if pattern.key == "st-us":
                self.format.setItemText(i, self.tr("ST/US header: ST,GS,+  1.234kg (A&D and other indicators)"))
        self.format.setItemText(self.format.count() - 1, self.tr("Custom (regular expression)…"))
        self.tolerance.setToolTip(self.tr("An order whose weight differs from the expected weight by more "
                                          "than this gets a weight alert."))
        self.refresh.setText(self.tr("Find ports"))
        self._name_port_items()
        self._retext_button()
        self._sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self.stop_test()  # the dialog closed: never leave the port open
        super().hideEvent(event)
