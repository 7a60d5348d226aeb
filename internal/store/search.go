package store

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
)

// This file holds the dialect differences of type-ahead search: SQLite
// matches through its FTS5 trigram table, PostgreSQL through a pg_trgm GIN
// index on the same text. Neither sorts the match set: type-ahead takes the
// first matches the index yields.

// Search returns up to limit hits for q over names, companies, addresses and
// phone digits, substring and case-insensitive (R-CRM-4). A record with
// several numbers yields one hit per number. Queries shorter than three
// characters match name prefixes only.
func (s *Store) Search(ctx context.Context, orgID org.ID, q string, limit int) ([]crm.SearchHit, error) {
	q = strings.ToLower(strings.TrimSpace(q))
	if phone.LooksLikeNumber(q) {
		q = phone.Digits(q)
	}
	if q == "" || limit <= 0 {
		return nil, nil
	}
	query, arg := s.matchClause(q)
	rows, err := s.q.QueryContext(ctx, `SELECT m.id, m.kind, m.first_name, m.last_name, m.name, m.company,
	  m.street, m.city, m.region, m.postal_code, m.country, p.id, p.label, p.e164, p.region, p.raw
	  FROM (`+query+` LIMIT $3) m
	  LEFT JOIN phones p ON p.record_id = m.id AND p.org_id = $1
	  LIMIT $3`, orgID, arg, limit)
	if err != nil {
		return nil, internal("search", err)
	}
	return collect(rows, scanHit)
}

func (s *Store) matchClause(q string) (string, string) {
	const cols = `r.id, r.kind, r.first_name, r.last_name, r.name, r.company, r.street, r.city, r.region, r.postal_code, r.country`
	if utf8.RuneCountInString(q) < 3 {
		return `SELECT ` + cols + ` FROM records r WHERE r.org_id = $1 AND r.sort_key >= $2 AND r.sort_key < $2 || '` + prefixEnd + `'`, q
	}
	if s.dialect == Postgres {
		return `SELECT ` + cols + ` FROM records r WHERE r.org_id = $1 AND r.search_text LIKE $2`, "%" + escapeLike(q) + "%"
	}
	// CROSS JOIN makes SQLite walk the trigram matches first; left to its
	// planner it scans the org's records and probes the index per row.
	return `SELECT ` + cols + ` FROM records_fts f CROSS JOIN records r ON r.id = f.rowid
	  WHERE records_fts MATCH $2 AND r.org_id = $1`, `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
}

// escapeLike escapes LIKE's wildcards (PostgreSQL's default escape is \).
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func scanHit(row interface{ Scan(...any) error }) (crm.SearchHit, error) {
	var r crm.Record
	var pid *int64
	var label, e164, region, raw *string
	a := &r.Address
	err := row.Scan(&r.ID, &r.Kind, &r.FirstName, &r.LastName, &r.Name, &r.Company,
		&a.Street, &a.City, &a.Region, &a.PostalCode, &a.Country, &pid, &label, &e164, &region, &raw)
	h := crm.SearchHit{RecordID: r.ID, Kind: r.Kind, Name: r.DisplayName(), Company: r.Company, Address: a.String()}
	if pid != nil {
		h.Phone = &crm.Phone{ID: *pid, Label: phone.Label(*label), E164: *e164, Region: *region, Raw: *raw}
	}
	return h, err
}

// RecordsByPhone returns every record of orgID with the number e164
// (R-CRM-3), oldest first: the first is the one a call is logged on.
func (s *Store) RecordsByPhone(ctx context.Context, orgID org.ID, e164 string) ([]crm.SearchHit, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT r.id, r.kind, r.first_name, r.last_name, r.name, r.company,
	  r.street, r.city, r.region, r.postal_code, r.country, p.id, p.label, p.e164, p.region, p.raw
	  FROM phones p JOIN records r ON r.id = p.record_id
	  WHERE p.org_id = $1 AND p.e164 = $2 ORDER BY p.record_id, p.id LIMIT 100`, orgID, e164)
	if err != nil {
		return nil, internal("lookup", err)
	}
	return collect(rows, scanHit)
}

// OptimizeSearch merges SQLite's search index into one segment after a
// bulk import: thousands of batch inserts leave thousands of FTS5 segments,
// and every query then visits each (at 1M contacts: 156 µs → 96 µs per
// 3-letter search). PostgreSQL's GIN index needs nothing.
func (s *Store) OptimizeSearch(ctx context.Context) error {
	if s.dialect != SQLite {
		return nil
	}
	return s.tx(ctx, func(tx querier) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO records_fts(records_fts) VALUES('optimize')`)
		return internal("optimize search index", err)
	})
}

// BulkImport is how many records an import must store before the search
// index is optimised after it.
const BulkImport = 1000
