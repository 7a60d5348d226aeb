-- +goose Up
-- Outbound calls (issue 8, decision 0022): the TwiML App the server
-- creates at the carrier for browser-originated calls, its SID in the
-- Voice grant ('' = not created yet).
ALTER TABLE providers ADD COLUMN twiml_app_sid TEXT NOT NULL DEFAULT '';
