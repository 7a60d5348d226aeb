-- +goose Up
-- Indexes without the NULLs every new call used to add (decision 0019):
-- an unknown caller's call has no record, a leg has no carrier SID until
-- it is dialled, and no query looks either up by NULL.
DROP INDEX calls_record;
CREATE INDEX calls_record ON calls (record_id) WHERE record_id IS NOT NULL;
ALTER TABLE call_legs DROP CONSTRAINT call_legs_leg_sid_key;
CREATE UNIQUE INDEX call_legs_sid ON call_legs (leg_sid) WHERE leg_sid IS NOT NULL;
