package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

const recordColumns = `r.id, r.org_id, r.kind, r.first_name, r.last_name, r.name, r.company, r.title, r.email,
  r.street, r.city, r.region, r.postal_code, r.country, COALESCE(r.owner_id, 0), COALESCE(r.account_id, 0),
  COALESCE(r.contact_id, 0), r.status, r.stage, r.amount, r.close_date, r.created_at, r.updated_at`

func scanRecord(row interface{ Scan(...any) error }) (crm.Record, error) {
	var r crm.Record
	a := &r.Address
	err := row.Scan(&r.ID, &r.OrgID, &r.Kind, &r.FirstName, &r.LastName, &r.Name, &r.Company, &r.Title, &r.Email,
		&a.Street, &a.City, &a.Region, &a.PostalCode, &a.Country, &r.OwnerID, &r.AccountID, &r.ContactID,
		&r.Status, &r.Stage, &r.Amount, &r.CloseDate, &r.CreatedAt, &r.UpdatedAt)
	return r, err
}

// nullID stores 0 as NULL.
func nullID[T ~int64](id T) sql.NullInt64 { return sql.NullInt64{Int64: int64(id), Valid: id != 0} }

// CreateRecord stores a validated record with its phones, after checking
// that the owner and linked records are the org's own.
func (s *Store) CreateRecord(ctx context.Context, orgID org.ID, r crm.Record) (crm.Record, error) {
	r.OrgID = orgID
	r.CreatedAt = s.stamp()
	r.UpdatedAt = r.CreatedAt
	err := s.tx(ctx, func(tx querier) error {
		if err := checkRefs(ctx, tx, orgID, r); err != nil {
			return err
		}
		id, err := insertRecord(ctx, tx, r)
		if err != nil {
			return internal("create record", err)
		}
		r.ID = crm.RecordID(id)
		return insertPhones(ctx, tx, orgID, r.ID, r.Phones)
	})
	return r, err
}

// CreateRecords stores many validated records in one transaction (CSV
// import); references are not checked.
func (s *Store) CreateRecords(ctx context.Context, orgID org.ID, rs []crm.Record) error {
	now := s.stamp()
	return s.tx(ctx, func(tx querier) error {
		for _, r := range rs {
			r.OrgID, r.CreatedAt, r.UpdatedAt = orgID, now, now
			id, err := insertRecord(ctx, tx, r)
			if err != nil {
				return internal("import record", err)
			}
			if err := insertPhones(ctx, tx, orgID, crm.RecordID(id), r.Phones); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertRecord(ctx context.Context, q querier, r crm.Record) (int64, error) {
	a := r.Address
	return insertID(ctx, q, `INSERT INTO records (org_id, kind, first_name, last_name, name, company, title, email,
	  street, city, region, postal_code, country, owner_id, account_id, contact_id, status, stage, amount, close_date,
	  sort_key, search_text, created_at, updated_at)
	  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23)`,
		r.OrgID, r.Kind, r.FirstName, r.LastName, r.Name, r.Company, r.Title, r.Email, a.Street, a.City, a.Region,
		a.PostalCode, a.Country, nullID(r.OwnerID), nullID(r.AccountID), nullID(r.ContactID), r.Status, r.Stage,
		r.Amount, r.CloseDate, r.SortKey(), r.SearchText(), r.CreatedAt)
}

func insertPhones(ctx context.Context, q querier, orgID org.ID, id crm.RecordID, phones []crm.Phone) error {
	for i, p := range phones {
		_, err := q.ExecContext(ctx, `INSERT INTO phones (org_id, record_id, position, label, e164, region, raw)
		  VALUES ($1, $2, $3, $4, $5, $6, $7)`, orgID, id, i, p.Label, p.E164, p.Region, p.Raw)
		if err != nil {
			return internal("insert phone", err)
		}
	}
	return nil
}

// checkRefs reports owner and link ids that are not the org's own, as field
// problems: another org's id looks exactly like a missing one.
func checkRefs(ctx context.Context, q querier, orgID org.ID, r crm.Record) error {
	f := problem.Fields{}
	if r.OwnerID != 0 && !exists(ctx, q, `SELECT 1 FROM users WHERE org_id = $1 AND id = $2 AND active`, orgID, r.OwnerID) {
		f.Add("owner_id", "no active user with this id")
	}
	if r.AccountID != 0 && !exists(ctx, q, `SELECT 1 FROM records WHERE org_id = $1 AND id = $2 AND kind = 'account'`, orgID, r.AccountID) {
		f.Add("account_id", "no account with this id")
	}
	if r.ContactID != 0 && !exists(ctx, q, `SELECT 1 FROM records WHERE org_id = $1 AND id = $2 AND kind = 'contact'`, orgID, r.ContactID) {
		f.Add("contact_id", "no contact with this id")
	}
	return f.Err()
}

func exists(ctx context.Context, q querier, query string, args ...any) bool {
	var one int
	return q.QueryRowContext(ctx, query, args...).Scan(&one) == nil
}

// Record returns a record of kind with its phones.
func (s *Store) Record(ctx context.Context, orgID org.ID, kind crm.Kind, id crm.RecordID) (crm.Record, error) {
	r, err := scanRecord(s.q.QueryRowContext(ctx, `SELECT `+recordColumns+` FROM records r
	  WHERE r.org_id = $1 AND r.id = $2 AND r.kind = $3`, orgID, id, kind))
	if isNoRows(err) {
		return crm.Record{}, notFound(string(kind))
	}
	if err != nil {
		return crm.Record{}, internal("record", err)
	}
	r.Phones, err = s.phones(ctx, s.db, orgID, id)
	return r, err
}

func (s *Store) phones(ctx context.Context, q querier, orgID org.ID, id crm.RecordID) ([]crm.Phone, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, label, e164, region, raw FROM phones
	  WHERE org_id = $1 AND record_id = $2 ORDER BY position`, orgID, id)
	if err != nil {
		return nil, internal("phones", err)
	}
	return collect(rows, func(r interface{ Scan(...any) error }) (crm.Phone, error) {
		var p crm.Phone
		return p, r.Scan(&p.ID, &p.Label, &p.E164, &p.Region, &p.Raw)
	})
}

// UpdateRecord saves a validated record, replacing its phones.
func (s *Store) UpdateRecord(ctx context.Context, orgID org.ID, r crm.Record) (crm.Record, error) {
	r.UpdatedAt = s.stamp()
	a := r.Address
	err := s.tx(ctx, func(tx querier) error {
		if err := checkRefs(ctx, tx, orgID, r); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE records SET first_name = $4, last_name = $5, name = $6, company = $7,
		  title = $8, email = $9, street = $10, city = $11, region = $12, postal_code = $13, country = $14,
		  owner_id = $15, account_id = $16, contact_id = $17, status = $18, stage = $19, amount = $20,
		  close_date = $21, sort_key = $22, search_text = $23, updated_at = $24
		  WHERE org_id = $1 AND id = $2 AND kind = $3`,
			orgID, r.ID, r.Kind, r.FirstName, r.LastName, r.Name, r.Company, r.Title, r.Email, a.Street, a.City,
			a.Region, a.PostalCode, a.Country, nullID(r.OwnerID), nullID(r.AccountID), nullID(r.ContactID),
			r.Status, r.Stage, r.Amount, r.CloseDate, r.SortKey(), r.SearchText(), r.UpdatedAt)
		if err := affected(res, err, string(r.Kind)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM phones WHERE org_id = $1 AND record_id = $2`, orgID, r.ID); err != nil {
			return internal("replace phones", err)
		}
		return insertPhones(ctx, tx, orgID, r.ID, r.Phones)
	})
	if err != nil {
		return crm.Record{}, err
	}
	return s.Record(ctx, orgID, r.Kind, r.ID)
}

// DeleteRecord deletes a record with its phones, notes and tasks.
func (s *Store) DeleteRecord(ctx context.Context, orgID org.ID, kind crm.Kind, id crm.RecordID) error {
	res, err := s.q.ExecContext(ctx, `DELETE FROM records WHERE org_id = $1 AND id = $2 AND kind = $3`, orgID, id, kind)
	return affected(res, err, string(kind))
}

// Records lists records of one kind in name order, keyset-paged: the
// returned cursor fetches the next page ("" at the end).
func (s *Store) Records(ctx context.Context, orgID org.ID, f crm.RecordFilter) ([]crm.Record, string, error) {
	w := newWhere("r.org_id = ? AND r.kind = ?", orgID, f.Kind)
	if f.Prefix != "" {
		lo, hi := prefixRange(strings.ToLower(f.Prefix))
		w.add("r.sort_key >= ? AND r.sort_key < ?", lo, hi)
	}
	if f.OwnerID != 0 {
		w.add("r.owner_id = ?", f.OwnerID)
	}
	if f.Status != "" {
		w.add("r.status = ?", f.Status)
	}
	if f.Stage != "" {
		w.add("r.stage = ?", f.Stage)
	}
	if f.AccountID != 0 {
		w.add("r.account_id = ?", f.AccountID)
	}
	if f.Cursor != "" {
		key, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, "", err
		}
		w.add("(r.sort_key > ? OR (r.sort_key = ? AND r.id > ?))", key, key, id)
	}
	q := `SELECT ` + recordColumns + ` FROM records r WHERE ` + w.String() + ` ORDER BY r.sort_key, r.id LIMIT ` + w.limit(f.Limit+1)
	rows, err := s.q.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, "", internal("records", err)
	}
	list, err := collect(rows, scanRecord)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(list) > f.Limit {
		list = list[:f.Limit]
		last := list[len(list)-1]
		next = encodeCursor(last.SortKey(), int64(last.ID))
	}
	return list, next, s.attachPhones(ctx, orgID, list)
}

// attachPhones loads the phones of a page of records in one query.
func (s *Store) attachPhones(ctx context.Context, orgID org.ID, list []crm.Record) error {
	if len(list) == 0 || !list[0].Kind.HasPhones() {
		return nil
	}
	ids := make([]string, len(list))
	index := make(map[crm.RecordID]int, len(list))
	for i, r := range list {
		ids[i] = strconv.FormatInt(int64(r.ID), 10)
		index[r.ID] = i
	}
	// The ids are inlined, so each page is a new text: not for the
	// statement cache.
	rows, err := s.db.QueryContext(ctx, `SELECT record_id, id, label, e164, region, raw FROM phones
	  WHERE org_id = $1 AND record_id IN (`+strings.Join(ids, ",")+`) ORDER BY record_id, position`, orgID)
	if err != nil {
		return internal("page phones", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rid crm.RecordID
		var p crm.Phone
		if err := rows.Scan(&rid, &p.ID, &p.Label, &p.E164, &p.Region, &p.Raw); err != nil {
			return internal("scan phone", err)
		}
		list[index[rid]].Phones = append(list[index[rid]].Phones, p)
	}
	return internal("page phones", rows.Err())
}

// prefixRange returns the half-open range [lo, hi) of keys starting with p.
func prefixRange(p string) (string, string) {
	return p, p + prefixEnd
}

// prefixEnd sorts after every character (both engines compare UTF-8 bytes).
const prefixEnd = "\U0010FFFF"

func encodeCursor(key string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10) + ":" + key))
}

func decodeCursor(c string) (string, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	idText, key, ok := strings.Cut(string(b), ":")
	id, err2 := strconv.ParseInt(idText, 10, 64)
	if err != nil || !ok || err2 != nil {
		return "", 0, problem.Field("cursor", "is not a cursor this server returned")
	}
	return key, id, nil
}
