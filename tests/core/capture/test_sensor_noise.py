import numpy as np
import pytest

from packseal.core.capture.sensor_noise import SensorNoise
from packseal.core.capture.synthetic_source import TestPatternSource


def test_grain_has_the_asked_spread_and_changes_every_frame():
    noise = SensorNoise(320, 240, sigma=5.0, flicker=0.0)
    grey = np.full((240, 320, 3), 128, np.uint8)
    a = noise.apply(grey.copy(), 0.0).astype(np.int16) - 128
    b = noise.apply(grey.copy(), 0.0).astype(np.int16) - 128
    assert abs(float(a.std()) - 5.0) < 0.5 and abs(float(a.mean())) < 0.5
    assert np.count_nonzero(a != b) > 0.5 * a.size  # a new grain every frame, as a sensor gives


def test_flicker_moves_the_brightness_with_time():
    noise = SensorNoise(64, 64, sigma=0.0, flicker=0.05)
    grey = np.full((64, 64, 3), 100, np.uint8)
    levels = {round(float(noise.apply(grey.copy(), t).mean())) for t in (0.0, 0.025, 0.075)}
    assert levels == {100, 105, 95}  # 10 Hz: +5 % at a quarter period, −5 % at three quarters


def test_wrong_size_and_bad_settings_are_refused():
    with pytest.raises(ValueError):
        SensorNoise(64, 64).apply(np.zeros((32, 32, 3), np.uint8), 0.0)
    with pytest.raises(ValueError):
        SensorNoise(64, 64, sigma=-1)


def test_noisy_test_camera_differs_from_the_clean_one_only_by_noise():
    clean, noisy = TestPatternSource(320, 240, 30), TestPatternSource(320, 240, 30, noisy=True)
    a, b = clean.render(1.0).astype(np.int16), noisy.render(1.0).astype(np.int16)
    diff = b - a
    assert diff.std() > 3 and abs(float(diff.mean())) < 3
