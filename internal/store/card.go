package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
)

// maxCardContacts bounds the records a contact card lists per number.
const maxCardContacts = 20

// CallerCards returns, for each of the numbers (E.164), the org's records
// with that phone as contact-card entries (R-AG-3): name, company, owner
// and the most recently updated open deal of the record, or of its
// account. Numbers with no record are absent from the map.
func (s *Store) CallerCards(ctx context.Context, orgID org.ID, numbers []string) (map[string][]call.Contact, error) {
	out := map[string][]call.Contact{}
	if len(numbers) == 0 {
		return out, nil
	}
	w := newWhere("p.org_id = ?", orgID)
	marks := make([]string, len(numbers))
	for i, n := range numbers {
		w.args = append(w.args, n)
		marks[i] = "$" + strconv.Itoa(len(w.args))
	}
	w.conds = append(w.conds, "p.e164 IN ("+strings.Join(marks, ", ")+")")
	rows, err := s.q.QueryContext(ctx, `SELECT p.e164, r.id, r.kind, r.first_name, r.last_name, r.name, r.company,
	  COALESCE(u.id, 0), COALESCE(u.name, ''), COALESCE(d.id, 0), COALESCE(d.name, ''), COALESCE(d.stage, '')
	  FROM phones p JOIN records r ON r.id = p.record_id
	  LEFT JOIN users u ON u.id = r.owner_id AND u.org_id = r.org_id
	  LEFT JOIN records d ON d.id = (SELECT d2.id FROM records d2 WHERE d2.org_id = r.org_id AND d2.kind = 'deal'
	    AND d2.stage NOT IN ('won', 'lost')
	    AND (d2.contact_id = r.id OR d2.account_id = r.id OR d2.account_id = r.account_id)
	    ORDER BY d2.updated_at DESC, d2.id DESC LIMIT 1)
	  WHERE `+w.String()+` ORDER BY p.e164, r.id`, w.args...)
	if err != nil {
		return nil, internal("contact cards", err)
	}
	defer rows.Close()
	for rows.Next() {
		e164, c, err := scanCardRow(rows)
		if err != nil {
			return nil, internal("contact cards", err)
		}
		list := out[e164]
		if len(list) < maxCardContacts && (len(list) == 0 || list[len(list)-1].RecordID != c.RecordID) {
			out[e164] = append(list, c)
		}
	}
	return out, internal("contact cards", rows.Err())
}

func scanCardRow(row interface{ Scan(...any) error }) (string, call.Contact, error) {
	var e164 string
	var r crm.Record
	var owner call.User
	var deal call.Deal
	err := row.Scan(&e164, &r.ID, &r.Kind, &r.FirstName, &r.LastName, &r.Name, &r.Company,
		&owner.ID, &owner.Name, &deal.ID, &deal.Name, &deal.Stage)
	c := call.Contact{RecordID: int64(r.ID), Kind: string(r.Kind), Name: r.DisplayName(), Company: r.Company}
	if owner.ID != 0 {
		c.Owner = &owner
	}
	if deal.ID != 0 {
		c.OpenDeal = &deal
	}
	return e164, c, err
}

// SetCallRecord logs the call on a CRM record (the caller's, found or
// auto-created after the call was recorded) unless it has one already.
func (s *Store) SetCallRecord(ctx context.Context, orgID org.ID, id call.ID, record crm.RecordID) error {
	_, err := s.q.ExecContext(ctx, `UPDATE calls SET record_id = $3 WHERE org_id = $1 AND id = $2 AND record_id IS NULL`,
		orgID, id, record)
	return internal("log call on record", err)
}
