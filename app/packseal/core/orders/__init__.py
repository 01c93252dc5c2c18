"""The shop's orders as the station knows them: imported files and live feeds, kept in SQLite."""
