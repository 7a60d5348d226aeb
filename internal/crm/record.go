// Package crm holds the CRM's records — leads, contacts, accounts, deals —
// with their phone numbers, notes and tasks (R-CRM), and the rules that
// validate them.
package crm

import (
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
)

// RecordID identifies a record of any kind.
type RecordID int64

// Kind is the type of a record.
type Kind string

// The record kinds. Leads and contacts are people; accounts are companies.
const (
	Lead    Kind = "lead"
	Contact Kind = "contact"
	Account Kind = "account"
	Deal    Kind = "deal"
)

// Kinds lists every kind, in navigation order.
var Kinds = []Kind{Contact, Lead, Account, Deal}

// IsPerson reports whether records of kind k are people with first and
// last names.
func (k Kind) IsPerson() bool { return k == Lead || k == Contact }

// HasPhones reports whether records of kind k carry phone numbers.
func (k Kind) HasPhones() bool { return k != Deal }

// Lead statuses and deal stages.
var (
	LeadStatuses = []string{"new", "contacted", "qualified", "unqualified"}
	DealStages   = []string{"qualification", "proposal", "negotiation", "won", "lost"}
)

// Address is a postal address.
type Address struct {
	Street, City, Region, PostalCode, Country string
}

// String returns the address on one line.
func (a Address) String() string {
	var parts []string
	for _, p := range []string{a.Street, a.City, a.Region, a.PostalCode, a.Country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// Phone is one of a record's numbers.
type Phone struct {
	ID     int64
	Label  phone.Label
	E164   string
	Region string
	Raw    string
}

// Record is a lead, contact, account or deal. Fields that do not apply to
// its kind are empty.
type Record struct {
	ID        RecordID
	OrgID     org.ID
	Kind      Kind
	FirstName string
	LastName  string
	// Name is an account's or deal's name; for people it is derived.
	Name    string
	Company string
	Title   string
	Email   string
	Address Address
	OwnerID org.UserID // 0 = none
	// AccountID links a contact or deal to an account; ContactID a deal to
	// a contact.
	AccountID RecordID
	ContactID RecordID
	Status    string // lead status
	Stage     string // deal stage
	Amount    int64  // deal amount in minor units (cents)
	CloseDate string // deal close date, YYYY-MM-DD
	Phones    []Phone
	CreatedAt time.Time
	UpdatedAt time.Time
}

// DisplayName is what lists and search show for r.
func (r Record) DisplayName() string {
	if r.Kind.IsPerson() {
		return strings.TrimSpace(r.FirstName + " " + r.LastName)
	}
	return r.Name
}

// SortKey is the lower-cased display name, used for ordering and prefix
// search.
func (r Record) SortKey() string { return strings.ToLower(r.DisplayName()) }

// SearchText is the lower-cased text type-ahead matches: names, company,
// address and phone digits (R-CRM-4).
func (r Record) SearchText() string {
	parts := []string{r.DisplayName(), r.Company, r.Address.String()}
	for _, p := range r.Phones {
		parts = append(parts, phone.Digits(p.E164), phone.Digits(p.Raw))
	}
	return strings.ToLower(strings.Join(parts, " | "))
}

// PhoneInput is a number as a client sends it.
type PhoneInput struct {
	Label  string
	Number string
}

// ParsePhones validates and normalises numbers with the org's default
// country, reporting problems as phones[i].number / phones[i].label.
func ParsePhones(in []PhoneInput, defaultCountry string, f problem.Fields) []Phone {
	out := make([]Phone, 0, len(in))
	if len(in) > MaxPhones {
		f.Add("phones", "at most 20 numbers per record")
		return nil
	}
	for i, p := range in {
		key := "phones[" + itoa(i) + "]"
		label := phone.Label(strings.ToLower(strings.TrimSpace(p.Label)))
		if label == "" {
			label = phone.Other
		}
		if !phone.ValidLabel(label) {
			f.Add(key+".label", "must be mobile, work, home or other")
		}
		n, err := phone.Parse(p.Number, defaultCountry)
		if err != nil {
			f.Add(key+".number", "\""+p.Number+"\" "+err.Error())
			continue
		}
		out = append(out, Phone{Label: label, E164: n.E164, Region: n.Region, Raw: n.Raw})
	}
	return out
}

// MaxPhones bounds the numbers on one record.
const MaxPhones = 20
