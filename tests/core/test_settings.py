"""Settings as a person writes them into settings.json: the language."""

from __future__ import annotations

import json

import pytest

from packseal.core.errors import BadInputError
from packseal.core.settings import Settings, load_settings


def written(tmp_path, **fields) -> Settings:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"station_name": "Bench 1", **fields}), encoding="utf-8")
    return load_settings(path)


@pytest.mark.parametrize("language, means", [
    ("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("ZH_cn", "zh_CN"), ("zh-Hans", "zh_CN"), ("zh_CN", "zh_CN"),
    ("en", "en"), ("en-US", "en"), ("en_GB", "en"), ("", ""),
])
def test_the_usual_ways_of_writing_a_language_mean_it(tmp_path, language, means):
    assert written(tmp_path, language=language).language == means


@pytest.mark.parametrize("language", ["fr", "zh-TW", "chinese", " "])
def test_a_language_packseal_does_not_speak_is_refused_naming_the_choices(tmp_path, language):
    with pytest.raises(BadInputError) as refused:
        written(tmp_path, language=language)
    assert repr(language) in str(refused.value) and '"zh_CN"' in str(refused.value)
