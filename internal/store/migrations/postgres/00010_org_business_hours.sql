-- +goose Up
-- The org's default business hours and holidays (R-ORG-5, R-IN-16,
-- decision 0020), one JSON document (org.Hours). Existing orgs start always
-- open; their numbers' stored routing configurations have no use_org and
-- keep their own hours, so no call is routed differently by this change.
ALTER TABLE orgs ADD COLUMN business_hours TEXT NOT NULL DEFAULT '{"always_open":true,"weekly":{}}';
