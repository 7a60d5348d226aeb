package crm

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// RecordInput is what a client sets on a record. A nil field is left
// unchanged by an update; on create, nil is empty.
type RecordInput struct {
	FirstName, LastName, Name, Company, Title, Email *string
	Street, City, Region, PostalCode, Country        *string
	OwnerID, AccountID, ContactID                    *int64
	Status, Stage, CloseDate                         *string
	Amount                                           *int64
	// Phones, when non-nil, replaces all of the record's numbers.
	Phones *[]PhoneInput
}

// maxText bounds every free-text field.
const maxText = 200

// Apply validates in for a record of r.Kind, normalises it and applies it to
// r. References to users and other records are checked by the store.
func (in RecordInput) Apply(r *Record, s org.Settings) error {
	f := problem.Fields{}
	set := func(name string, dst *string, v *string) {
		if v == nil {
			return
		}
		*dst = strings.TrimSpace(*v)
		if len(*dst) > maxText {
			f.Add(name, "must be at most 200 characters")
		}
	}
	set("first_name", &r.FirstName, in.FirstName)
	set("last_name", &r.LastName, in.LastName)
	set("name", &r.Name, in.Name)
	set("company", &r.Company, in.Company)
	set("title", &r.Title, in.Title)
	set("email", &r.Email, in.Email)
	set("street", &r.Address.Street, in.Street)
	set("city", &r.Address.City, in.City)
	set("region", &r.Address.Region, in.Region)
	set("postal_code", &r.Address.PostalCode, in.PostalCode)
	set("country", &r.Address.Country, in.Country)
	in.applyRefs(r)
	in.applyKindFields(r, f)
	checkRequired(r, f)
	if r.Email != "" {
		if e, ok := org.NormalizeEmail(r.Email); ok {
			r.Email = e
		} else {
			f.Add("email", "must be an e-mail address like name@example.com")
		}
	}
	if in.Phones != nil {
		if !r.Kind.HasPhones() {
			f.Add("phones", "deals have no phone numbers; add them to the contact or account")
		} else {
			r.Phones = ParsePhones(*in.Phones, s.DefaultCountry, f)
		}
	}
	return f.Err()
}

func (in RecordInput) applyRefs(r *Record) {
	if in.OwnerID != nil {
		r.OwnerID = org.UserID(*in.OwnerID)
	}
	if in.AccountID != nil {
		r.AccountID = RecordID(*in.AccountID)
	}
	if in.ContactID != nil {
		r.ContactID = RecordID(*in.ContactID)
	}
}

func (in RecordInput) applyKindFields(r *Record, f problem.Fields) {
	switch r.Kind {
	case Lead:
		if in.Status != nil {
			r.Status = strings.TrimSpace(*in.Status)
		}
		if r.Status == "" {
			r.Status = "new"
		}
		if !slices.Contains(LeadStatuses, r.Status) {
			f.Add("status", "must be one of "+strings.Join(LeadStatuses, ", "))
		}
	case Deal:
		applyDeal(in, r, f)
	}
	if r.Kind != Deal && in.ContactID != nil && *in.ContactID != 0 {
		f.Add("contact_id", "only deals link to a contact")
	}
	if (r.Kind == Lead || r.Kind == Account) && in.AccountID != nil && *in.AccountID != 0 {
		f.Add("account_id", "only contacts and deals link to an account")
	}
}

func applyDeal(in RecordInput, r *Record, f problem.Fields) {
	if in.Stage != nil {
		r.Stage = strings.TrimSpace(*in.Stage)
	}
	if r.Stage == "" {
		r.Stage = "qualification"
	}
	if !slices.Contains(DealStages, r.Stage) {
		f.Add("stage", "must be one of "+strings.Join(DealStages, ", "))
	}
	if in.Amount != nil {
		r.Amount = *in.Amount
	}
	if r.Amount < 0 {
		f.Add("amount", "must not be negative")
	}
	if in.CloseDate != nil {
		r.CloseDate = strings.TrimSpace(*in.CloseDate)
	}
	if r.CloseDate != "" {
		if _, err := time.Parse(time.DateOnly, r.CloseDate); err != nil {
			f.Add("close_date", "must be a date like 2026-12-31")
		}
	}
}

func checkRequired(r *Record, f problem.Fields) {
	if r.Kind.IsPerson() {
		if r.FirstName == "" && r.LastName == "" {
			f.Add("last_name", "a first or last name is required")
		}
		return
	}
	if r.Name == "" {
		f.Add("name", "is required")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
