package org

import (
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
)

// UserID identifies a user.
type UserID int64

// Role is what a user may do (R-ORG-1, R-ORG-3).
type Role string

// Admins are agents too, and may also configure the org.
const (
	Admin Role = "admin"
	Agent Role = "agent"
)

// User is a person who signs in.
type User struct {
	ID     UserID
	OrgID  ID
	Email  string
	Name   string
	Role   Role
	Active bool
	// ForwardingNumber is an E.164 number, or empty (R-ORG-4).
	ForwardingNumber string
	CreatedAt        time.Time
}

// IsAdmin reports whether u may change org configuration.
func (u User) IsAdmin() bool { return u.Role == Admin && u.Active }

// UserInput is what an admin sets on a user; nil fields are left unchanged
// on update.
type UserInput struct {
	Email            *string
	Name             *string
	Role             *string
	Active           *bool
	ForwardingNumber *string
	Password         *string
}

// MinPasswordLen is the shortest accepted password.
const MinPasswordLen = 10

// Apply validates in against the org's settings and applies it to u. On
// create every required field must be present.
func (in UserInput) Apply(u *User, s Settings, create bool) error {
	f := problem.Fields{}
	if in.Email != nil {
		if e, ok := NormalizeEmail(*in.Email); ok {
			u.Email = e
		} else {
			f.Add("email", "must be an e-mail address like name@example.com")
		}
	} else if create {
		f.Add("email", "is required")
	}
	if in.Name != nil {
		u.Name = strings.TrimSpace(*in.Name)
		if len(u.Name) > 200 {
			f.Add("name", "must be at most 200 characters")
		}
	}
	if in.Role != nil {
		switch r := Role(*in.Role); r {
		case Admin, Agent:
			u.Role = r
		default:
			f.Add("role", "must be admin or agent")
		}
	} else if create {
		f.Add("role", "is required (admin or agent)")
	}
	if in.Active != nil {
		u.Active = *in.Active
	} else if create {
		u.Active = true
	}
	if in.ForwardingNumber != nil {
		applyForwarding(u, *in.ForwardingNumber, s, f)
	}
	if in.Password != nil && len(*in.Password) < MinPasswordLen {
		f.Add("password", "must be at least 10 characters")
	}
	return f.Err()
}

func applyForwarding(u *User, raw string, s Settings, f problem.Fields) {
	if strings.TrimSpace(raw) == "" {
		u.ForwardingNumber = ""
		return
	}
	n, err := phone.Parse(raw, s.DefaultCountry)
	if err != nil {
		f.Add("forwarding_number", err.Error())
		return
	}
	u.ForwardingNumber = n.E164
}
