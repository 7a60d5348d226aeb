package server_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"
)

// BenchmarkCallWriteFloor measures, on SQLite, the least CPU time the
// rows a new call's webhook writes can cost (BenchmarkInboundWebhook's
// number: the call, Alice's leg, the ring job), written by plain SQL on
// one connection in transactions of 16 calls, with nothing else running:
// "schema" into the store's own tables, with their indexes and foreign
// keys, as store.recordCall writes them; "rows" the same rows into tables
// with no index but the unique call SID and no foreign key, the engine's
// own cost. Set beside BenchmarkInboundWebhook's cpu-µs/req, it shows how
// much of the routed webhook's CPU is the write itself (bench/README.md,
// decision 0019).
func BenchmarkCallWriteFloor(b *testing.B) {
	w := newWebhookBench(b)
	if strings.HasPrefix(w.e.dbURL, "postgres") {
		b.Skip("the floor is measured on SQLite, whose writes the webhook's process does itself")
	}
	db, err := sql.Open("sqlite", "file:"+w.e.dbURL+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"+
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_txlock=immediate&_time_format=sqlite")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var f floorCall
	if err := db.QueryRow(`SELECT org_id, id FROM routing_versions WHERE number_id = $1`, w.number.ID).Scan(&f.org, &f.version); err != nil {
		b.Fatal(err)
	}
	f.number, f.to, f.alice = int64(w.number.ID), w.number.E164, w.alice
	if _, err := db.Exec(floorTables); err != nil {
		b.Fatal(err)
	}
	calls := max(b.N, 4000)
	b.ResetTimer()
	var cpu [2]time.Duration
	for range 2 {
		for i, tables := range []string{"", "floor_"} {
			cpu[i] += f.write(b, db, tables, calls)
		}
	}
	b.StopTimer()
	for i, name := range []string{"schema", "rows"} {
		b.ReportMetric(float64(cpu[i].Microseconds())/float64(2*calls), name+"-cpu-µs/call")
	}
}

// floorTables are the call's tables with no index but the unique call SID
// and no foreign key.
const floorTables = `CREATE TABLE floor_calls AS SELECT * FROM calls WHERE 0;
CREATE UNIQUE INDEX floor_calls_sid ON floor_calls (call_sid);
CREATE TABLE floor_call_legs AS SELECT * FROM call_legs WHERE 0;
CREATE TABLE floor_jobs AS SELECT * FROM jobs WHERE 0`

// floorCall is what the floor's calls are made of.
type floorCall struct {
	org, number, version, alice int64
	to                          string
}

// write writes calls new calls into the tables whose names start with
// prefix, 16 to a transaction, and returns the CPU time it took.
func (f floorCall) write(b *testing.B, db *sql.DB, prefix string, calls int) time.Duration {
	ctx := context.Background()
	insertCall := `INSERT INTO ` + prefix + `calls (id, org_id, number_id, call_sid, version_id, direction, from_number,
	  to_number, anonymous, record_id, state, status, outcome, started_at, revision, updated_at, recording_url, notes,
	  held, muted, price, price_unit)
	  VALUES (NULL, $1, $2, $3, $4, 'inbound', $5, $6, 0, COALESCE(NULL, (SELECT MIN(ph.record_id) FROM phones ph
	  JOIN records r ON r.id = ph.record_id WHERE ph.org_id = $1 AND ph.e164 = $5)), $7, 'ringing', '', $8, 0, $8,
	  '', '', 0, 0, '', '') ON CONFLICT (call_sid) DO NOTHING`
	insertLeg := `INSERT INTO ` + prefix + `call_legs (id, org_id, call_id, user_id, cycle, status, created_at)
	  VALUES (NULL, $1, $2, $3, 1, 'queued', $4)`
	insertJob := `INSERT INTO ` + prefix + `jobs (id, org_id, kind, call_id, payload, run_at, attempts, last_error)
	  VALUES (NULL, $1, 'ring', $2, '{"seconds":20,"identify":true}', $3, 0, '')`
	var stmts [3]*sql.Stmt
	for i, q := range []string{insertCall, insertLeg, insertJob} {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		stmts[i] = st
	}
	const perTx = 16
	cpu0 := processCPU(b)
	for done := 0; done < calls; done += perTx {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		c, l, j := tx.Stmt(stmts[0]), tx.Stmt(stmts[1]), tx.Stmt(stmts[2])
		for range perTx {
			now := time.Now().UTC().Format("2006-01-02 15:04:05.999999999-07:00")
			res, err := c.ExecContext(ctx, f.org, f.number, callSID(), f.version, "+15005550006", f.to,
				`{"step":{"kind":"ring","ring_seconds":20},"cycle":1}`, now)
			if err != nil {
				b.Fatal(err)
			}
			id, _ := res.LastInsertId()
			if _, err := l.ExecContext(ctx, f.org, id, f.alice, now); err != nil {
				b.Fatal(err)
			}
			if _, err := j.ExecContext(ctx, f.org, id, now); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	return processCPU(b) - cpu0
}
