-- +goose Up
-- After-call summaries (R-POST-1, decision 0025): the org's list of summary
-- outcomes (none = the defaults), one summary per call, and follow-up calls
-- as tasks with a time, a number and the call that made them.
CREATE TABLE summary_outcomes (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (org_id, position)
);

CREATE TABLE call_summaries (
  call_id INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  outcome TEXT NOT NULL,
  deal_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
  task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
  saved_by INTEGER NOT NULL REFERENCES users(id),
  saved_at TIMESTAMP NOT NULL
);
CREATE INDEX call_summaries_outcome ON call_summaries (org_id, outcome);
CREATE INDEX call_summaries_deal ON call_summaries (deal_id);

ALTER TABLE tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'todo';
ALTER TABLE tasks ADD COLUMN due_at TIMESTAMP;
ALTER TABLE tasks ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN call_id INTEGER REFERENCES calls(id) ON DELETE SET NULL;
ALTER TABLE tasks ADD COLUMN reminded_at TIMESTAMP;
