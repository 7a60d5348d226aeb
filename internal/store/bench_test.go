package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// Benchmarks run on a persistent data set of SWITCHBOARD_BENCH_CONTACTS
// contacts (default 10,000; bench/run.sh uses 1,000,000) kept in
// SWITCHBOARD_BENCH_DIR (SQLite) or a bench_N schema (PostgreSQL), so it is
// generated once. Each store method runs beside the raw SQL it stands on.

func benchSize() int {
	n, err := strconv.Atoi(os.Getenv("SWITCHBOARD_BENCH_CONTACTS"))
	if err != nil || n <= 0 {
		return 10000
	}
	return n
}

func benchStore(b *testing.B) (*store.Store, org.ID, int) {
	b.Helper()
	n := benchSize()
	ctx := context.Background()
	dsn := ""
	if base := os.Getenv(storetest.EnvURL); base != "" {
		dsn = benchSchema(b, base, n)
	} else {
		dir := os.Getenv("SWITCHBOARD_BENCH_DIR")
		if dir == "" {
			dir = b.TempDir()
		}
		dsn = filepath.Join(dir, fmt.Sprintf("contacts-%d.db", n))
	}
	s, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	o, err := s.OrgBySlug(ctx, "bench")
	if problem.Is(err, problem.NotFound) {
		o, err = s.CreateOrg(ctx, org.Org{Slug: "bench", Name: "bench", Settings: org.DefaultSettings()})
	}
	if err != nil {
		b.Fatal(err)
	}
	fill(b, s, o, n)
	return s, o.ID, n
}

func benchSchema(b *testing.B, base string, n int) string {
	db, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	schema := fmt.Sprintf("bench_%d", n)
	if _, err := db.Exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE SCHEMA IF NOT EXISTS ` + schema); err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

var (
	firstNames = []string{"Margaret", "Mark", "Simon", "Maria", "James", "Olivia", "Noah", "Emma", "Liam", "Ava", "Lucas",
		"Sophia", "Ethan", "Mia", "Omar", "Chloe", "Daniel", "Grace", "Leo", "Zoe", "Hannah", "Tom", "Priya", "Kenji",
		"Ingrid", "Carlos", "Aisha", "Peter", "Yuki", "Nora", "Felix", "Isabel", "Victor", "Ryan", "Elena", "Samuel"}
	lastNames = []string{"Smith", "Jones", "Martin", "Brown", "Taylor", "Wilson", "Lee", "Patel", "Garcia", "Kim", "Nguyen",
		"Rossi", "Dubois", "Silva", "Becker", "Novak", "Olsen", "Tanaka", "Haddad", "Costa", "Wagner", "Hughes",
		"Okafor", "Fernandez", "Schneider", "Andersen", "Kowalski", "Mendes", "Rahman", "Walsh", "Adeyemi", "Lopez"}
	streets   = []string{"Main Street", "Oak Avenue", "Martin Road", "High Street", "Park Lane", "Elm Drive", "Mill Road", "Church Street"}
	companies = []string{"Marcom", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Acme", "Northwind", "Hooli", "Vandelay", ""}
)

// fill adds contacts until the org has n, through the store's own batch
// insert (the import path).
func fill(b *testing.B, s *store.Store, o org.Org, n int) {
	ctx := context.Background()
	var have int
	if err := s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM records WHERE org_id = $1`, o.ID).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have >= n {
		return
	}
	start := time.Now()
	rng := rand.New(rand.NewPCG(uint64(have), 42))
	if s.Dialect() == store.Postgres {
		copyContacts(b, s, o, rng, have, n)
		b.Logf("generated %d contacts on %s in %v", n, s.Dialect(), time.Since(start).Round(time.Second))
		return
	}
	for have < n {
		batch := make([]crm.Record, 0, 5000)
		for i := 0; i < cap(batch) && have+i < n; i++ {
			batch = append(batch, benchContact(rng, have+i))
		}
		if err := s.CreateRecords(ctx, o.ID, batch); err != nil {
			b.Fatal(err)
		}
		have += len(batch)
	}
	// As the CSV import does after a bulk import.
	if err := s.OptimizeSearch(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d contacts on %s in %v", n, s.Dialect(), time.Since(start).Round(time.Second))
}

func benchContact(rng *rand.Rand, i int) crm.Record {
	e164 := fmt.Sprintf("+1%03d555%04d", 200+rng.IntN(700), i%10000)
	n, _ := phone.Parse(e164, "US")
	return crm.Record{Kind: crm.Contact, FirstName: firstNames[rng.IntN(len(firstNames))], LastName: lastNames[rng.IntN(len(lastNames))],
		Company: companies[rng.IntN(len(companies))], Address: crm.Address{Street: fmt.Sprintf("%d %s", 1+rng.IntN(999), streets[rng.IntN(len(streets))]),
			City: "Springfield"}, Phones: []crm.Phone{{Label: phone.Mobile, E164: n.E164, Region: n.Region, Raw: e164}}}
}

// copyContacts bulk-loads PostgreSQL with COPY: the same generated records
// and search text as the store writes, 50x faster than row inserts.
func copyContacts(b *testing.B, s *store.Store, o org.Org, rng *rand.Rand, have, n int) {
	ctx := context.Background()
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		var next int64
		if err := pc.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM records`).Scan(&next); err != nil {
			return err
		}
		now := time.Now().UTC()
		var recs, phones [][]any
		for i := have; i < n; i++ {
			r := benchContact(rng, i)
			id := next + int64(i-have)
			a := r.Address
			recs = append(recs, []any{id, int64(o.ID), "contact", r.FirstName, r.LastName, "", r.Company, "", "", a.Street, a.City,
				"", "", "", "", "", 0, "", r.SortKey(), r.SearchText(), now, now})
			p := r.Phones[0]
			phones = append(phones, []any{int64(o.ID), id, 0, string(p.Label), p.E164, p.Region, p.Raw})
		}
		if _, err := pc.CopyFrom(ctx, pgx.Identifier{"records"}, []string{"id", "org_id", "kind", "first_name", "last_name", "name",
			"company", "title", "email", "street", "city", "region", "postal_code", "country", "status", "stage", "amount",
			"close_date", "sort_key", "search_text", "created_at", "updated_at"}, pgx.CopyFromRows(recs)); err != nil {
			return err
		}
		if _, err := pc.CopyFrom(ctx, pgx.Identifier{"phones"}, []string{"org_id", "record_id", "position", "label", "e164", "region", "raw"},
			pgx.CopyFromRows(phones)); err != nil {
			return err
		}
		_, err := pc.Exec(ctx, `SELECT setval(pg_get_serial_sequence('records', 'id'), (SELECT MAX(id) FROM records)); ANALYZE`)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}

// latency runs op b.N times and reports the median and 99th percentile.
func latency(b *testing.B, op func() error) {
	b.Helper()
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		t := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t))
	}
	b.StopTimer()
	slices.Sort(samples)
	b.ReportMetric(float64(samples[len(samples)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(samples[len(samples)*99/100].Microseconds()), "p99-µs")
}

func BenchmarkSearch3Letters(b *testing.B) {
	s, orgID, _ := benchStore(b)
	ctx := context.Background()
	queries := []string{"mar", "son", "ark", "oak", "tin", "ill"}
	b.Run("store.Search", func(b *testing.B) {
		i := 0
		latency(b, func() error {
			i++
			hits, err := s.Search(ctx, orgID, queries[i%len(queries)], 20)
			if err == nil && len(hits) == 0 {
				err = fmt.Errorf("no hits for %q", queries[i%len(queries)])
			}
			return err
		})
	})
	raw := `SELECT r.id FROM records_fts f CROSS JOIN records r ON r.id = f.rowid WHERE records_fts MATCH $2 AND r.org_id = $1 LIMIT 20`
	arg := func(q string) string { return `"` + q + `"` }
	if s.Dialect() == store.Postgres {
		raw = `SELECT r.id FROM records r WHERE r.org_id = $1 AND r.search_text LIKE $2 LIMIT 20`
		arg = func(q string) string { return "%" + q + "%" }
	}
	b.Run("rawSQL", func(b *testing.B) {
		i := 0
		latency(b, func() error {
			i++
			return drain(s.DB().QueryContext(ctx, raw, orgID, arg(queries[i%len(queries)])))
		})
	})
}

func BenchmarkLookupE164(b *testing.B) {
	s, orgID, n := benchStore(b)
	ctx := context.Background()
	var numbers []string
	rows, err := s.DB().QueryContext(ctx, `SELECT e164 FROM phones WHERE org_id = $1 AND record_id % $2 = 0 LIMIT 1000`, orgID, max(n/1000, 1))
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var e string
		rows.Scan(&e)
		numbers = append(numbers, e)
	}
	rows.Close()
	b.Run("store.RecordsByPhone", func(b *testing.B) {
		i := 0
		latency(b, func() error {
			i++
			hits, err := s.RecordsByPhone(ctx, orgID, numbers[i%len(numbers)])
			if err == nil && len(hits) == 0 {
				err = fmt.Errorf("no record for %s", numbers[i%len(numbers)])
			}
			return err
		})
	})
	b.Run("rawSQL", func(b *testing.B) {
		i := 0
		latency(b, func() error {
			i++
			return drain(s.DB().QueryContext(ctx, `SELECT record_id FROM phones WHERE org_id = $1 AND e164 = $2`, orgID, numbers[i%len(numbers)]))
		})
	})
}

func drain(rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
