-- +goose Up
-- The call log (R-POST-2, R-POST-3, decision 0024): the carrier's price of
-- a call, fetched after it ends, and the tombstone of a deleted recording.
ALTER TABLE calls ADD COLUMN price TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN price_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN carrier_duration INTEGER;
ALTER TABLE calls ADD COLUMN recording_deleted_at TIMESTAMP;
ALTER TABLE calls ADD COLUMN recording_deleted_by INTEGER REFERENCES users(id);
