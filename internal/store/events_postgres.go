package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/switchboard/switchboard/internal/org"
)

// This file is PostgreSQL's side of real-time events (decision 0015):
// LISTEN/NOTIFY carries each event to every instance sharing the database.

// notifyMax is the largest body sent inside a NOTIFY payload (PostgreSQL's
// limit is 8000 bytes, the header takes some); larger bodies go through
// event_bodies.
const notifyMax = 7900

// storedBody marks a notification whose body is in event_bodies.
const storedBody = "@"

// Relay carries events between the instances sharing one PostgreSQL
// database. Each org's events are numbered by its row in event_seq, taken
// under that row's lock in the publishing statement, so within an org ids
// commit — and notifications arrive — in increasing order with no gaps.
type Relay struct {
	s    *Store
	once sync.Once
	ch   string
	err  error
}

// Relay returns the PostgreSQL event relay, or nil on SQLite (one
// instance: events stay in-process).
func (s *Store) Relay() *Relay {
	if s.dialect != Postgres {
		return nil
	}
	return &Relay{s: s}
}

// channel is the NOTIFY channel: one per schema, so that stores in
// different schemas of one database (tests, side-by-side installs) do not
// hear each other.
func (r *Relay) channel(ctx context.Context) (string, error) {
	r.once.Do(func() {
		r.err = r.s.db.QueryRowContext(ctx, `SELECT 'switchboard_events:' || current_schema()`).Scan(&r.ch)
		if r.err != nil {
			r.err = fmt.Errorf("store: event channel: %w", r.err)
		}
	})
	return r.ch, r.err
}

// Notify gives body the next id in the org's sequence and sends it to
// every listener, this instance's included, when the statement commits.
func (r *Relay) Notify(ctx context.Context, orgID org.ID, body []byte) error {
	ch, err := r.channel(ctx)
	if err != nil {
		return err
	}
	const next = `WITH n AS (INSERT INTO event_seq (org_id, last_id) VALUES ($1, 1)
	  ON CONFLICT (org_id) DO UPDATE SET last_id = event_seq.last_id + 1 RETURNING org_id, last_id)`
	if len(body) <= notifyMax {
		_, err = r.s.db.ExecContext(ctx, next+`
		  SELECT pg_notify($2, n.org_id::text || ' ' || n.last_id::text || ' ' || $3::text) FROM n`, orgID, ch, string(body))
	} else {
		_, err = r.s.db.ExecContext(ctx, next+`,
		  old AS (DELETE FROM event_bodies WHERE created_at < now() - interval '10 minutes'),
		  b AS (INSERT INTO event_bodies (org_id, id, body, created_at) SELECT org_id, last_id, $3::text, now() FROM n)
		  SELECT pg_notify($2, n.org_id::text || ' ' || n.last_id::text || ' `+storedBody+`') FROM n`, orgID, ch, string(body))
	}
	return internal("notify event", err)
}

// Listen holds one connection LISTENing until ctx ends or the connection
// fails. Once listening it calls ready with every org's last id, then
// deliver with each notification in commit order. The connection is closed,
// not returned to the pool, when Listen returns.
func (r *Relay) Listen(ctx context.Context, ready func(map[org.ID]int64), deliver func(orgID org.ID, id int64, body []byte)) error {
	ch, err := r.channel(ctx)
	if err != nil {
		return err
	}
	conn, err := r.s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: listen: %w", err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		defer pc.Close(context.WithoutCancel(ctx))
		if err := listen(ctx, pc, ch, ready, deliver); err != nil {
			return err
		}
		return driver.ErrBadConn
	})
	if errors.Is(err, driver.ErrBadConn) {
		err = ctx.Err()
	}
	return err
}

func listen(ctx context.Context, pc *pgx.Conn, ch string, ready func(map[org.ID]int64), deliver func(org.ID, int64, []byte)) error {
	if _, err := pc.Exec(ctx, `LISTEN `+pgx.Identifier{ch}.Sanitize()); err != nil {
		return fmt.Errorf("store: listen: %w", err)
	}
	pos, err := positions(ctx, pc)
	if err != nil {
		return err
	}
	ready(pos)
	for {
		n, err := pc.WaitForNotification(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("store: listen: %w", err)
		}
		orgID, id, body, err := parseNotification(n.Payload)
		if err != nil {
			return err
		}
		if string(body) == storedBody {
			var s string
			if err := pc.QueryRow(ctx, `SELECT body FROM event_bodies WHERE org_id = $1 AND id = $2`, orgID, id).Scan(&s); err != nil {
				return fmt.Errorf("store: event body %d/%d: %w", orgID, id, err)
			}
			body = []byte(s)
		}
		deliver(orgID, id, body)
	}
}

// positions reads every org's last event id.
func positions(ctx context.Context, pc *pgx.Conn) (map[org.ID]int64, error) {
	rows, err := pc.Query(ctx, `SELECT org_id, last_id FROM event_seq`)
	if err != nil {
		return nil, fmt.Errorf("store: event positions: %w", err)
	}
	out := map[org.ID]int64{}
	for rows.Next() {
		var o, id int64
		if err := rows.Scan(&o, &id); err != nil {
			return nil, fmt.Errorf("store: event positions: %w", err)
		}
		out[org.ID(o)] = id
	}
	return out, rows.Err()
}

// parseNotification splits "org id body".
func parseNotification(p string) (org.ID, int64, []byte, error) {
	o, rest, ok1 := strings.Cut(p, " ")
	i, body, ok2 := strings.Cut(rest, " ")
	orgID, err1 := strconv.ParseInt(o, 10, 64)
	id, err2 := strconv.ParseInt(i, 10, 64)
	if !ok1 || !ok2 || err1 != nil || err2 != nil {
		return 0, 0, nil, fmt.Errorf("store: malformed event notification %.40q", p)
	}
	return org.ID(orgID), id, []byte(body), nil
}
