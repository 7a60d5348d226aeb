package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
)

const numberColumns = `n.id, n.org_id, n.provider_id, n.sid, n.e164, n.friendly_name, n.voice, n.sms, n.mms,
  n.outgoing_enabled, n.recording_enabled, n.previous_webhooks, n.linked_at, n.unlinked_at, n.script`

func scanNumber(row interface{ Scan(...any) error }) (provider.Number, error) {
	var n provider.Number
	var prev string
	c := &n.Capabilities
	err := row.Scan(&n.ID, &n.OrgID, &n.ProviderID, &n.SID, &n.E164, &n.FriendlyName, &c.Voice, &c.SMS, &c.MMS,
		&n.OutgoingEnabled, &n.RecordingEnabled, &prev, &n.LinkedAt, &n.UnlinkedAt, &n.Script)
	if err == nil {
		err = json.Unmarshal([]byte(prev), &n.Previous)
	}
	return n, err
}

// LinkNumber records a number linked to the org. A number linked anywhere
// already is a conflict.
func (s *Store) LinkNumber(ctx context.Context, orgID org.ID, n provider.Number) (provider.Number, error) {
	defer s.forget() // after the commit (cache.go)
	n.OrgID, n.LinkedAt = orgID, s.stamp()
	prev, _ := json.Marshal(n.Previous)
	c := n.Capabilities
	id, err := insertID(ctx, s.db, `INSERT INTO numbers (org_id, provider_id, sid, e164, friendly_name, voice, sms, mms,
	  outgoing_enabled, recording_enabled, previous_webhooks, linked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		orgID, n.ProviderID, n.SID, n.E164, n.FriendlyName, c.Voice, c.SMS, c.MMS, n.OutgoingEnabled, n.RecordingEnabled, string(prev), n.LinkedAt)
	if isUnique(err) {
		return n, &problem.Error{Kind: problem.Conflict, Message: n.E164 + " is already linked", Fields: map[string]string{"sid": "is already linked"}}
	}
	n.ID = provider.NumberID(id)
	return n, internal("link number", err)
}

// numbers lists numbers matching cond (with ? placeholders) with operators.
func (s *Store) numbers(ctx context.Context, q querier, orgID org.ID, cond string, args ...any) ([]provider.Number, error) {
	w := newWhere("n.org_id = ?", orgID)
	w.add(cond, args...)
	rows, err := q.QueryContext(ctx, `SELECT `+numberColumns+` FROM numbers n WHERE `+w.String()+` ORDER BY n.id`, w.args...)
	if err != nil {
		return nil, internal("numbers", err)
	}
	list, err := collect(rows, scanNumber)
	for i := range list {
		if err == nil {
			list[i].Operators, err = operators(ctx, q, orgID, list[i].ID)
		}
	}
	return list, err
}

func operators(ctx context.Context, q querier, orgID org.ID, id provider.NumberID) ([]provider.Operator, error) {
	rows, err := q.QueryContext(ctx, `SELECT user_id, outgoing, recording FROM number_operators
	  WHERE org_id = $1 AND number_id = $2 ORDER BY user_id`, orgID, id)
	if err != nil {
		return nil, internal("operators", err)
	}
	return collect(rows, func(r interface{ Scan(...any) error }) (provider.Operator, error) {
		var o provider.Operator
		return o, r.Scan(&o.UserID, &o.Outgoing, &o.Recording)
	})
}

// Numbers lists the org's linked numbers, of one provider when id is not 0.
func (s *Store) Numbers(ctx context.Context, orgID org.ID, id provider.ID) ([]provider.Number, error) {
	if id != 0 {
		return s.numbers(ctx, s.db, orgID, "n.unlinked_at IS NULL AND n.provider_id = ?", id)
	}
	return s.numbers(ctx, s.db, orgID, "n.unlinked_at IS NULL")
}

// Number returns one linked number with its operators.
func (s *Store) Number(ctx context.Context, orgID org.ID, id provider.NumberID) (provider.Number, error) {
	list, err := s.numbers(ctx, s.db, orgID, "n.unlinked_at IS NULL AND n.id = ?", id)
	if err != nil {
		return provider.Number{}, err
	}
	if len(list) == 0 {
		return provider.Number{}, notFound("number")
	}
	return list[0], nil
}

// UnlinkNumber stops a number routing to the org and drops its operators
// and caller-ID mappings; its history stays.
func (s *Store) UnlinkNumber(ctx context.Context, orgID org.ID, id provider.NumberID) error {
	defer s.forget() // after the commit (cache.go)
	return s.tx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, `UPDATE numbers SET unlinked_at = $3 WHERE org_id = $1 AND id = $2 AND unlinked_at IS NULL`, orgID, id, s.stamp())
		if err := affected(res, err, "number"); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM number_operators WHERE org_id = $1 AND number_id = $2`,
			`DELETE FROM caller_ids WHERE org_id = $1 AND number_id = $2`} {
			if _, err := tx.ExecContext(ctx, q, orgID, id); err != nil {
				return internal("unlink number", err)
			}
		}
		return nil
	})
}

// SetNumberSwitches sets a number's outgoing-calls and recording switches;
// a nil switch is left as it is, so two admins changing one switch each
// do not undo each other.
func (s *Store) SetNumberSwitches(ctx context.Context, orgID org.ID, id provider.NumberID, outgoing, recording *bool) error {
	return s.UpdateNumber(ctx, orgID, id, provider.NumberChange{Outgoing: outgoing, Recording: recording})
}

// UpdateNumber applies the set fields of ch to a linked number; nil
// fields are left as they are. The script must already be valid.
func (s *Store) UpdateNumber(ctx context.Context, orgID org.ID, id provider.NumberID, ch provider.NumberChange) error {
	defer s.forget() // after the commit (cache.go)
	res, err := s.q.ExecContext(ctx, `UPDATE numbers SET outgoing_enabled = COALESCE($3, outgoing_enabled),
	  recording_enabled = COALESCE($4, recording_enabled), script = COALESCE($5, script)
	  WHERE org_id = $1 AND id = $2 AND unlinked_at IS NULL`,
		orgID, id, nullBool(ch.Outgoing), nullBool(ch.Recording), nullStringPtr(ch.Script))
	return affected(res, err, "number")
}

func nullStringPtr(s *string) sql.NullString {
	if s == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: *s, Valid: true}
}

func nullBool(b *bool) sql.NullBool {
	if b == nil {
		return sql.NullBool{}
	}
	return sql.NullBool{Bool: *b, Valid: true}
}

// SetOperators replaces a number's operators; each must be an active user
// of the org.
func (s *Store) SetOperators(ctx context.Context, orgID org.ID, id provider.NumberID, ops []provider.Operator) error {
	return s.tx(ctx, func(tx querier) error {
		if !exists(ctx, tx, `SELECT 1 FROM numbers WHERE org_id = $1 AND id = $2 AND unlinked_at IS NULL`, orgID, id) {
			return notFound("number")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM number_operators WHERE org_id = $1 AND number_id = $2`, orgID, id); err != nil {
			return internal("replace operators", err)
		}
		for i, o := range ops {
			if !exists(ctx, tx, `SELECT 1 FROM users WHERE org_id = $1 AND id = $2 AND active`, orgID, o.UserID) {
				return problem.Field(fmt.Sprintf("operators[%d].user_id", i), "no active user with this id")
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO number_operators (org_id, number_id, user_id, outgoing, recording)
			  VALUES ($1, $2, $3, $4, $5)`, orgID, id, o.UserID, o.Outgoing, o.Recording)
			if isUnique(err) {
				return problem.Field(fmt.Sprintf("operators[%d].user_id", i), "is listed twice")
			}
			if err != nil {
				return internal("add operator", err)
			}
		}
		return nil
	})
}

// NumberForWebhook finds the linked number e164 and its installed provider
// (AuthToken sealed), in whatever org: the webhook names the number, and the
// number tells us the org. It is one query, without the provider's users: a
// webhook needs only the account and its token.
func (s *Store) NumberForWebhook(ctx context.Context, e164 string) (provider.Number, provider.Provider, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+numberColumns+`, `+providerColumns+` FROM numbers n
	  JOIN providers p ON p.org_id = n.org_id AND p.id = n.provider_id AND p.uninstalled_at IS NULL
	  WHERE n.e164 = $1 AND n.unlinked_at IS NULL`, e164)
	if err != nil {
		return provider.Number{}, provider.Provider{}, internal("number for webhook", err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return provider.Number{}, provider.Provider{}, internal("number for webhook", err)
		}
		return provider.Number{}, provider.Provider{}, notFound("number")
	}
	nw := width(numberColumns)
	all := nw + width(providerColumns)
	n, err := scanNumber(columnsAt{rows: rows, width: all})
	if err != nil {
		return n, provider.Provider{}, internal("number for webhook", err)
	}
	p, err := scanProvider(columnsAt{rows: rows, offset: nw, width: all})
	return n, p, internal("provider for webhook", err)
}
