-- +goose Up
-- Browser calling (issue 7, decision 0018): the API key the server creates
-- at the carrier to sign Twilio Voice access tokens, its secret sealed like
-- the auth token ('' = not created yet); and an agent leg that rings the
-- agent's forwarding number instead of their browser (R-IN-14, '' = the
-- browser).
ALTER TABLE providers ADD COLUMN api_key_sid TEXT NOT NULL DEFAULT '';
ALTER TABLE providers ADD COLUMN api_key_secret_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE call_legs ADD COLUMN forward_to TEXT NOT NULL DEFAULT '';
