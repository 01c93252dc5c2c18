"""The recorder as its own process, and the window as its client.

The recorder (camera, encoder, ledger writes) runs in a process of its own
(:mod:`.server`), so that a crash or a kill of the window never stops a
recording. The window talks to it through :mod:`.client`: commands and
events over an authenticated local channel (:mod:`.channel`), the live
picture through shared memory (:mod:`.preview`). :mod:`.supervisor` starts
the window and brings it back if it dies.
"""
