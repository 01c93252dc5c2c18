"""The station's side of the hub (docs/HUB.md §2–4): pairing, signed requests, one sync pass.

``wire`` holds the protocol's bytes (both ends use it), ``client`` the HTTP
client with the pinned hub key and certificate, ``state`` the pairing in
``DATA/sync/hub.json``, ``pairing`` the pairing itself, ``sync_pass`` one
pass (entries, cosignatures, resumable uploads).
"""
