// Package demo seeds the demo org that `switchboard serve --demo` shows: an
// admin, two agents, and realistic CRM records.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/store"
)

// Slug names the demo org.
const Slug = "demo"

// Users are the demo users' e-mails; the first is the admin.
var Users = []struct {
	Email, Name string
	Role        org.Role
}{
	{"admin@demo.switchboard.test", "Ada Admin", org.Admin},
	{"alice@demo.switchboard.test", "Alice Agent", org.Agent},
	{"bob@demo.switchboard.test", "Bob Agent", org.Agent},
}

// Hasher hashes the demo password.
type Hasher interface {
	Hash(ctx context.Context, password string) (string, error)
}

// Seed creates the demo org with its users and records unless it exists.
// It reports whether it created anything.
func Seed(ctx context.Context, st *store.Store, h Hasher, password string, today time.Time) (bool, error) {
	if _, err := st.OrgBySlug(ctx, Slug); err == nil {
		return false, nil
	} else if !problem.Is(err, problem.NotFound) {
		return false, err
	}
	o, err := st.CreateOrg(ctx, org.Org{Slug: Slug, Name: "Demo Company", Settings: org.DefaultSettings()})
	if err != nil {
		return false, err
	}
	hash, err := h.Hash(ctx, password)
	if err != nil {
		return false, err
	}
	var ids []org.UserID
	for _, u := range Users {
		created, err := st.CreateUser(ctx, o.ID, org.User{Email: u.Email, Name: u.Name, Role: u.Role, Active: true}, hash)
		if err != nil {
			return false, err
		}
		ids = append(ids, created.ID)
	}
	return true, seedRecords(ctx, st, o, ids, today)
}

func seedRecords(ctx context.Context, st *store.Store, o org.Org, users []org.UserID, today time.Time) error {
	accounts := map[string]crm.RecordID{}
	for i, a := range accountRows {
		r, err := create(ctx, st, o, crm.Record{Kind: crm.Account, Name: a.name, Address: crm.Address{Street: a.street, City: a.city,
			Region: a.region, PostalCode: a.postal, Country: "US"}, OwnerID: users[i%len(users)]}, a.phone)
		if err != nil {
			return err
		}
		accounts[a.name] = r.ID
	}
	contacts := map[string]crm.RecordID{}
	for i, c := range contactRows {
		r, err := create(ctx, st, o, crm.Record{Kind: crm.Contact, FirstName: c.first, LastName: c.last, Company: c.company,
			Title: c.title, Email: c.email, AccountID: accounts[c.company], OwnerID: users[i%len(users)],
			Address: crm.Address{Street: c.street, City: c.city, Region: c.region, Country: "US"}}, c.phones...)
		if err != nil {
			return err
		}
		contacts[c.first+" "+c.last] = r.ID
	}
	for i, l := range leadRows {
		if _, err := create(ctx, st, o, crm.Record{Kind: crm.Lead, FirstName: l.first, LastName: l.last, Company: l.company,
			Title: l.title, Email: l.email, Status: l.status, OwnerID: users[i%len(users)]}, l.phones...); err != nil {
			return err
		}
	}
	for i, d := range dealRows {
		if _, err := create(ctx, st, o, crm.Record{Kind: crm.Deal, Name: d.name, Stage: d.stage, Amount: d.amount,
			CloseDate: today.AddDate(0, 0, d.closeInDays).Format(time.DateOnly), AccountID: accounts[d.account],
			ContactID: contacts[d.contact], OwnerID: users[i%len(users)]}); err != nil {
			return err
		}
	}
	return seedActivity(ctx, st, o, users, contacts, today)
}

func create(ctx context.Context, st *store.Store, o org.Org, r crm.Record, numbers ...string) (crm.Record, error) {
	var in crm.RecordInput
	if len(numbers) > 0 {
		phones := make([]crm.PhoneInput, len(numbers))
		for i, n := range numbers {
			phones[i] = crm.PhoneInput{Label: []string{"mobile", "work", "home"}[i%3], Number: n}
		}
		in.Phones = &phones
	}
	if err := in.Apply(&r, o.Settings); err != nil {
		return r, fmt.Errorf("demo record %q: %w", r.DisplayName(), err)
	}
	return st.CreateRecord(ctx, o.ID, r)
}

func seedActivity(ctx context.Context, st *store.Store, o org.Org, users []org.UserID, contacts map[string]crm.RecordID, today time.Time) error {
	for _, n := range noteRows {
		if _, err := st.CreateNote(ctx, o.ID, crm.Note{RecordID: contacts[n.contact], AuthorID: users[n.user], Body: n.body}); err != nil {
			return err
		}
	}
	for _, t := range taskRows {
		due := ""
		if t.dueInDays != nil {
			due = today.AddDate(0, 0, *t.dueInDays).Format(time.DateOnly)
		}
		task := crm.Task{Title: t.title, DueDate: due, AssigneeID: users[t.user], CreatedBy: users[0], RecordID: contacts[t.contact]}
		if _, err := st.CreateTask(ctx, o.ID, task); err != nil {
			return err
		}
	}
	return nil
}
