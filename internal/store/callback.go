package store

import (
	"context"
	"time"

	"github.com/switchboard/switchboard/internal/org"
)

// ClaimCallback records that the carrier callback with this idempotency
// token (I-Twilio-Idempotency-Token) is being handled, for keep. It
// reports false when the token was claimed before and has not expired: a
// repeated delivery, which must change nothing. Expired tokens are
// forgotten on the way.
func (s *Store) ClaimCallback(ctx context.Context, orgID org.ID, token string, keep time.Duration) (bool, error) {
	now := s.stamp()
	var n int64
	err := s.tx(ctx, func(tx querier) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM callback_tokens WHERE expires_at < $1`, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO callback_tokens (org_id, token, expires_at) VALUES ($1, $2, $3)
		  ON CONFLICT (org_id, token) DO NOTHING`, orgID, token, now.Add(keep))
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return n == 1, internal("claim callback", err)
}

// ReleaseCallback forgets a claimed token, so that the carrier's retry of
// a callback whose handling failed is handled.
func (s *Store) ReleaseCallback(ctx context.Context, orgID org.ID, token string) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM callback_tokens WHERE org_id = $1 AND token = $2`, orgID, token)
	return internal("release callback", err)
}

// AdvanceSequence records seq as the highest SequenceNumber seen for the
// carrier call sid, kept for keep. It reports false when a higher one was
// seen before: the callback is older than what is recorded and must
// change nothing. An equal one is reported true, so that a retry of a
// callback whose handling failed is handled (its idempotency token tells
// a mere repeat apart).
func (s *Store) AdvanceSequence(ctx context.Context, orgID org.ID, sid string, seq int64, keep time.Duration) (bool, error) {
	now := s.stamp()
	var n int64
	err := s.tx(ctx, func(tx querier) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM callback_sequences WHERE expires_at < $1`, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO callback_sequences (org_id, call_sid, seq, expires_at) VALUES ($1, $2, $3, $4)
		  ON CONFLICT (org_id, call_sid) DO UPDATE SET seq = excluded.seq, expires_at = excluded.expires_at
		  WHERE callback_sequences.seq <= excluded.seq`, orgID, sid, seq, now.Add(keep))
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return n == 1, internal("advance sequence", err)
}
