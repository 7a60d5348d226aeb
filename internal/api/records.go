package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// Record is a lead, contact, account or deal on the wire. Fields that do
// not apply to the kind are empty.
type Record struct {
	ID         int64   `json:"id"`
	Kind       string  `json:"kind" enum:"lead,contact,account,deal"`
	Name       string  `json:"name"`
	FirstName  string  `json:"first_name"`
	LastName   string  `json:"last_name"`
	Company    string  `json:"company"`
	Title      string  `json:"title"`
	Email      string  `json:"email"`
	Street     string  `json:"street"`
	City       string  `json:"city"`
	Region     string  `json:"region"`
	PostalCode string  `json:"postal_code"`
	Country    string  `json:"country"`
	OwnerID    *int64  `json:"owner_id"`
	AccountID  *int64  `json:"account_id"`
	ContactID  *int64  `json:"contact_id"`
	Status     string  `json:"status"`
	Stage      string  `json:"stage"`
	Amount     int64   `json:"amount"`
	CloseDate  string  `json:"close_date"`
	Phones     []Phone `json:"phones"`
	CreatedAt  string  `json:"created_at"`
	UpdatedAt  string  `json:"updated_at"`
}

// Phone is one of a record's numbers: E164 normalised, Raw as typed.
type Phone struct {
	ID     int64  `json:"id"`
	Label  string `json:"label" enum:"mobile,work,home,other"`
	E164   string `json:"e164"`
	Raw    string `json:"raw"`
	Region string `json:"region"`
}

func optID[T ~int64](id T) *int64 {
	if id == 0 {
		return nil
	}
	v := int64(id)
	return &v
}

func recordBody(r crm.Record) Record {
	a := r.Address
	out := Record{ID: int64(r.ID), Kind: string(r.Kind), Name: r.DisplayName(), FirstName: r.FirstName, LastName: r.LastName,
		Company: r.Company, Title: r.Title, Email: r.Email, Street: a.Street, City: a.City, Region: a.Region,
		PostalCode: a.PostalCode, Country: a.Country, OwnerID: optID(r.OwnerID), AccountID: optID(r.AccountID),
		ContactID: optID(r.ContactID), Status: r.Status, Stage: r.Stage, Amount: r.Amount, CloseDate: r.CloseDate,
		Phones: make([]Phone, len(r.Phones)), CreatedAt: stamp(r.CreatedAt), UpdatedAt: stamp(r.UpdatedAt)}
	for i, p := range r.Phones {
		out.Phones[i] = phoneBody(p)
	}
	return out
}

func phoneBody(p crm.Phone) Phone {
	return Phone{ID: p.ID, Label: string(p.Label), E164: p.E164, Raw: p.Raw, Region: p.Region}
}

// RecordRequest creates or changes a record; absent fields are unchanged,
// and phones, when present, replaces every number.
type RecordRequest struct {
	FirstName  *string         `json:"first_name,omitempty"`
	LastName   *string         `json:"last_name,omitempty"`
	Name       *string         `json:"name,omitempty"`
	Company    *string         `json:"company,omitempty"`
	Title      *string         `json:"title,omitempty"`
	Email      *string         `json:"email,omitempty"`
	Street     *string         `json:"street,omitempty"`
	City       *string         `json:"city,omitempty"`
	Region     *string         `json:"region,omitempty"`
	PostalCode *string         `json:"postal_code,omitempty"`
	Country    *string         `json:"country,omitempty"`
	OwnerID    *int64          `json:"owner_id,omitempty"`
	AccountID  *int64          `json:"account_id,omitempty"`
	ContactID  *int64          `json:"contact_id,omitempty"`
	Status     *string         `json:"status,omitempty"`
	Stage      *string         `json:"stage,omitempty"`
	Amount     *int64          `json:"amount,omitempty"`
	CloseDate  *string         `json:"close_date,omitempty"`
	Phones     *[]PhoneRequest `json:"phones,omitempty"`
}

// PhoneRequest is a number as typed, with its label.
type PhoneRequest struct {
	Label  string `json:"label" enum:"mobile,work,home,other"`
	Number string `json:"number"`
}

func (in RecordRequest) input() crm.RecordInput {
	out := crm.RecordInput{FirstName: in.FirstName, LastName: in.LastName, Name: in.Name, Company: in.Company,
		Title: in.Title, Email: in.Email, Street: in.Street, City: in.City, Region: in.Region,
		PostalCode: in.PostalCode, Country: in.Country, OwnerID: in.OwnerID, AccountID: in.AccountID,
		ContactID: in.ContactID, Status: in.Status, Stage: in.Stage, Amount: in.Amount, CloseDate: in.CloseDate}
	if in.Phones != nil {
		phones := make([]crm.PhoneInput, len(*in.Phones))
		for i, p := range *in.Phones {
			phones[i] = crm.PhoneInput{Label: p.Label, Number: p.Number}
		}
		out.Phones = &phones
	}
	return out
}

// RecordList is a page of records; NextCursor fetches the next page.
type RecordList struct {
	Items      []Record `json:"items"`
	NextCursor string   `json:"next_cursor"`
}

// Records serves one kind of record.
type Records struct {
	*API
	Kind crm.Kind
}

// RecordsOf returns the handlers for records of kind k.
func (a *API) RecordsOf(k crm.Kind) Records { return Records{API: a, Kind: k} }

// List lists records in name order: ?prefix= ?owner_id= ?status= ?stage=
// ?account_id= ?limit= ?cursor=.
func (h Records) List(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := queryInt(r, "limit", 50, 1, 200)
	if err != nil {
		return err
	}
	owner, err := queryInt(r, "owner_id", 0, 0, 1<<62)
	if err != nil {
		return err
	}
	account, err := queryInt(r, "account_id", 0, 0, 1<<62)
	if err != nil {
		return err
	}
	f := crm.RecordFilter{Kind: h.Kind, Prefix: q.Get("prefix"), OwnerID: org.UserID(owner), Status: q.Get("status"),
		Stage: q.Get("stage"), AccountID: crm.RecordID(account), Limit: limit, Cursor: q.Get("cursor")}
	if err := checkEnumQuery("status", f.Status, crm.LeadStatuses); err != nil {
		return err
	}
	if err := checkEnumQuery("stage", f.Stage, crm.DealStages); err != nil {
		return err
	}
	list, next, err := h.Store.Records(r.Context(), userOf(r).OrgID, f)
	if err != nil {
		return err
	}
	out := RecordList{Items: make([]Record, len(list)), NextCursor: next}
	for i, rec := range list {
		out.Items[i] = recordBody(rec)
	}
	return writeJSON(w, http.StatusOK, out)
}

func checkEnumQuery(name, v string, allowed []string) error {
	if v == "" || slices.Contains(allowed, v) {
		return nil
	}
	return &problem.Error{Kind: problem.BadRequest, Message: "query parameter " + name + " is not a known value",
		Fields: map[string]string{name: "must be one of " + strings.Join(allowed, ", ")}}
}

// Create creates a record of the handler's kind.
func (h Records) Create(w http.ResponseWriter, r *http.Request) error {
	var in RecordRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	me := userOf(r)
	o, err := h.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	rec := crm.Record{Kind: h.Kind, OwnerID: me.ID}
	if err := in.input().Apply(&rec, o.Settings); err != nil {
		return err
	}
	rec, err = h.Store.CreateRecord(r.Context(), me.OrgID, rec)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, recordBody(rec))
}

// Get returns one record with its numbers.
func (h Records) Get(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rec, err := h.Store.Record(r.Context(), userOf(r).OrgID, h.Kind, crm.RecordID(id))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, recordBody(rec))
}

// Update changes a record.
func (h Records) Update(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in RecordRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	me := userOf(r)
	rec, err := h.Store.Record(r.Context(), me.OrgID, h.Kind, crm.RecordID(id))
	if err != nil {
		return err
	}
	o, err := h.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	if err := in.input().Apply(&rec, o.Settings); err != nil {
		return err
	}
	rec, err = h.Store.UpdateRecord(r.Context(), me.OrgID, rec)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, recordBody(rec))
}

// Delete deletes a record with its numbers, notes and tasks.
func (h Records) Delete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.Store.DeleteRecord(r.Context(), userOf(r).OrgID, h.Kind, crm.RecordID(id)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
