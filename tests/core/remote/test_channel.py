"""Only whoever can read the data folder may command its recorder; status says when none runs."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from multiprocessing.connection import AuthenticationError, Client

import pytest

from packseal.core.remote import channel
from packseal.core.remote.protocol import Command, Hello, Reply
from packseal.core.storage.layout import DataLayout


def serve_once(listener, answers: list) -> None:
    try:
        conn = listener.accept()
    except (OSError, EOFError, AuthenticationError) as exc:
        answers.append(exc)
        return
    with conn:
        hello = conn.recv()
        command = conn.recv()
        answers.append((hello, command))
        conn.send(Reply(True, "pong"))


@pytest.fixture
def served(tmp_path):
    """A data dir whose recorder address answers one connection; yields (layout, answers)."""
    layout = DataLayout.open(tmp_path / "data")
    listener = channel.listen(layout, channel.new_key(layout))
    answers: list = []
    thread = threading.Thread(target=serve_once, args=(listener, answers))
    thread.start()
    try:
        yield layout, answers
    finally:
        thread.join(10)
        listener.close()


def test_a_client_with_the_key_from_the_data_folder_gets_in(served):
    layout, answers = served
    with channel.connect(layout) as conn:
        conn.send(Hello("commands", 1))
        conn.send(Command("status"))
        assert conn.recv() == Reply(True, "pong")
    assert answers[0][1] == Command("status")
    assert (layout.state / channel.KEY_FILE).stat().st_mode & 0o077 == 0  # the key is the owner's only


def test_a_client_without_the_key_is_refused_before_any_message(served):
    layout, answers = served
    with pytest.raises(AuthenticationError):
        Client(channel.address(layout), family=channel.family(), authkey=b"guessed" * 4)
    for _ in range(100):  # the server's side of the refused handshake ends a moment later
        if answers:
            break
        time.sleep(0.05)
    assert isinstance(answers[0], AuthenticationError)  # the server read nothing from it


def test_status_says_when_no_recorder_runs_and_creates_nothing(tmp_path):
    missing = tmp_path / "never-made"
    out = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(missing), "status", "--json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report["state"] == "not running" and report["recorder_pid"] is None
    assert report["window_pid"] is None and report["order_id"] is None
    assert not missing.exists()
