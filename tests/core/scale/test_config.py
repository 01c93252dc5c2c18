"""The scale's settings: defaults, checks, old settings files without them, PORT[:BAUD]."""

from __future__ import annotations

import json

import pytest

from packseal.core.errors import BadInputError
from packseal.core.scale.config import default_scale_settings, parse_port_spec, scale_from_settings
from packseal.core.settings import Settings, load_settings, save_settings


def test_the_default_is_no_scale():
    scale = scale_from_settings(default_scale_settings())
    assert not scale.enabled and scale.pattern.key == "st-us" and scale.tolerance_g == 50
    assert Settings().scale == default_scale_settings()


def test_a_settings_file_from_before_scales_loads_with_no_scale_and_keeps_its_version(tmp_path):
    path = tmp_path / "settings.json"
    old = Settings().to_dict()
    del old["scale"]
    path.write_text(json.dumps(old), encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.scale == default_scale_settings()
    assert loaded.settings_version == old["settings_version"]
    loaded.scale = {**loaded.scale, "port": "/dev/ttyUSB0", "baud": 4800, "format": "ohaus", "tolerance_g": 20}
    save_settings(loaded, path)
    again = scale_from_settings(load_settings(path).scale)
    assert (again.serial.port, again.serial.baud, again.pattern.key, again.tolerance_g) == \
        ("/dev/ttyUSB0", 4800, "ohaus", 20)


@pytest.mark.parametrize("change,words", [
    ({"baud": 0}, "baud rate"), ({"baud": "9600"}, "baud rate"), ({"bytesize": 9}, "data bits"),
    ({"parity": "X"}, "parity"), ({"stopbits": 3}, "stop bits"), ({"tolerance_g": -1}, "tolerance"),
    ({"format": "nope"}, "Unknown scale line format"), ({"port": "COM3\n"}, "port"),
    ({"format": "custom", "custom_regex": r"(\d+)"}, "named weight"), ({"colour": "red"}, "Unknown scale settings"),
    ({"format": "custom", "custom_regex": r"(?P<weight>\d+)", "custom_unit": "st"}, "unit"),
])
def test_bad_scale_settings_are_refused_naming_the_field(change, words):
    with pytest.raises(BadInputError, match=words):
        scale_from_settings({**default_scale_settings(), **change})
    with pytest.raises(BadInputError, match=words):
        Settings(scale={**default_scale_settings(), **change}).validate()


def test_a_custom_format_from_the_settings():
    scale = scale_from_settings({**default_scale_settings(), "port": "COM3", "format": "custom",
                                 "custom_regex": r"^(?P<weight>\d+)(?P<flag>S?)$", "custom_stable": "S"})
    assert scale.pattern.key == "custom" and scale.enabled


@pytest.mark.parametrize("spec,expected", [
    ("/dev/ttyUSB0", ("/dev/ttyUSB0", 9600)), ("/dev/ttyUSB0:4800", ("/dev/ttyUSB0", 4800)),
    ("COM3:19200", ("COM3", 19200)), ("COM3", ("COM3", 9600)),
    ("socket://127.0.0.1:7000", ("socket://127.0.0.1:7000", 9600)),
    ("rfc2217://10.0.0.5:2217:2400", ("rfc2217://10.0.0.5:2217", 2400)),
])
def test_port_specs(spec, expected):
    assert parse_port_spec(spec) == expected


@pytest.mark.parametrize("spec", ["", "  ", "COM3:7"])
def test_bad_port_specs(spec):
    with pytest.raises(BadInputError):
        parse_port_spec(spec)
