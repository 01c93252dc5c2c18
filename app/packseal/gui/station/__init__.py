"""The packing-station page: everything the packer sees and the window's side of the recorder.

- :mod:`.page` — :class:`StationPage`, the page the window shows: it owns
  the view and turns the recorder's events into what the packer sees and hears;
- :mod:`.controller` — the window's commands to the recorder process;
- :mod:`.view` — the layout (picture left; state, order and clips right);
- the parts of the view: :mod:`.preview`, :mod:`.banner`, :mod:`.order_display`,
  :mod:`.cancel_bar`, :mod:`.alerts`, :mod:`.recent_clips`, and for the status
  bar :mod:`.anchor_status`;
- :mod:`.disk_watch` (free space) and :mod:`.sounds` (the packer's cues).
"""
