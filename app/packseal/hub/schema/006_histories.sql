-- A station's histories (docs/HUB.md §4, "A forked station"). An owner who accepts the present
-- history of a station flagged forked starts a new history for it: what the hub held stays, under
-- the history it came in with, and the station's ledger is taken and witnessed again from entry 0
-- as the next history. stations.history is the history the station syncs now.
ALTER TABLE stations ADD COLUMN history integer NOT NULL DEFAULT 1 CHECK (history >= 1);

ALTER TABLE ledger_entries ADD COLUMN history integer NOT NULL DEFAULT 1;
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_pkey;
ALTER TABLE ledger_entries ADD PRIMARY KEY (station_id, history, seq);

ALTER TABLE cosigned_checkpoints ADD COLUMN history integer NOT NULL DEFAULT 1;
ALTER TABLE cosigned_checkpoints DROP CONSTRAINT cosigned_checkpoints_pkey;
ALTER TABLE cosigned_checkpoints ADD PRIMARY KEY (station_id, history, seq);

-- A clip is listed once per station and file, under the history whose entry brought it first.
ALTER TABLE clips ADD COLUMN history integer NOT NULL DEFAULT 1;
DROP INDEX clips_station_seq;
CREATE UNIQUE INDEX clips_station_seq ON clips (station_id, history, ledger_seq);
