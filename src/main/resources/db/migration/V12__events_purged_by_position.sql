-- Retention drops events in position order (EventLog.purge), so the index of their creation time,
-- which served only that hourly purge and was paid by every write, goes (docs/performance.md).
DROP INDEX IF EXISTS events_created;
