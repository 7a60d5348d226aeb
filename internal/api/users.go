package api

import (
	"context"
	"net/http"

	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// User is a user as the API shows it; the password is never shown.
type User struct {
	ID               int64  `json:"id"`
	Email            string `json:"email"`
	Name             string `json:"name"`
	Role             string `json:"role" enum:"admin,agent"`
	Active           bool   `json:"active"`
	ForwardingNumber string `json:"forwarding_number"`
	CreatedAt        string `json:"created_at"`
}

func userBody(u org.User) User {
	return User{ID: int64(u.ID), Email: u.Email, Name: u.Name, Role: string(u.Role), Active: u.Active,
		ForwardingNumber: u.ForwardingNumber, CreatedAt: stamp(u.CreatedAt)}
}

// UserRequest creates or changes a user; absent fields are unchanged.
type UserRequest struct {
	Email            *string `json:"email,omitempty"`
	Name             *string `json:"name,omitempty"`
	Role             *string `json:"role,omitempty" enum:"admin,agent"`
	Active           *bool   `json:"active,omitempty"`
	ForwardingNumber *string `json:"forwarding_number,omitempty"`
	Password         *string `json:"password,omitempty"`
}

func (in UserRequest) input() org.UserInput {
	return org.UserInput{Email: in.Email, Name: in.Name, Role: in.Role, Active: in.Active,
		ForwardingNumber: in.ForwardingNumber, Password: in.Password}
}

// UserList is a page of users.
type UserList struct {
	Items []User `json:"items"`
}

// ListUsers lists the org's users.
func (a *API) ListUsers(w http.ResponseWriter, r *http.Request) error {
	users, err := a.Store.Users(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	out := UserList{Items: make([]User, len(users))}
	for i, u := range users {
		out.Items[i] = userBody(u)
	}
	return writeJSON(w, http.StatusOK, out)
}

// CreateUser creates a user; a password is required.
func (a *API) CreateUser(w http.ResponseWriter, r *http.Request) error {
	var in UserRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	me := userOf(r)
	o, err := a.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	var u org.User
	verr := in.input().Apply(&u, o.Settings, true)
	if in.Password == nil {
		verr = mergeField(verr, "password", "is required (at least 10 characters)")
	}
	if verr != nil {
		return verr
	}
	hash, err := a.Hasher.Hash(r.Context(), *in.Password)
	if err != nil {
		return err
	}
	u, err = a.Store.CreateUser(r.Context(), me.OrgID, u, hash)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, userBody(u))
}

// mergeField adds a field problem to an Invalid error (or starts one).
func mergeField(err error, field, rule string) error {
	f := problem.Fields{}
	if p, ok := err.(*problem.Error); ok {
		for k, v := range p.Fields {
			f[k] = v
		}
	}
	f.Add(field, rule)
	return f.Err()
}

// GetUser returns one of the org's users.
func (a *API) GetUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := a.Store.User(r.Context(), userOf(r).OrgID, org.UserID(id))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userBody(u))
}

// UpdateUser changes a user. An admin cannot demote or deactivate
// themselves, so an org always keeps an admin who can sign in.
func (a *API) UpdateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in UserRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	me := userOf(r)
	u, err := a.Store.User(r.Context(), me.OrgID, org.UserID(id))
	if err != nil {
		return err
	}
	o, err := a.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	if err := in.input().Apply(&u, o.Settings, false); err != nil {
		return err
	}
	if u.ID == me.ID && (!u.Active || u.Role != org.Admin) {
		return problem.Field("role", "you cannot demote or deactivate yourself; ask another admin")
	}
	hash, err := a.hashIfSet(r.Context(), in.Password)
	if err != nil {
		return err
	}
	if err := a.Store.UpdateUser(r.Context(), me.OrgID, u, hash); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userBody(u))
}

func (a *API) hashIfSet(ctx context.Context, password *string) (string, error) {
	if password == nil {
		return "", nil
	}
	return a.Hasher.Hash(ctx, *password)
}

// APITokenBody describes an API token; Token is present only in the
// response that creates it.
type APITokenBody struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Token      string  `json:"token,omitempty"`
	CreatedAt  string  `json:"created_at"`
	LastUsedAt *string `json:"last_used_at,omitempty"`
}

// APITokenRequest names a new API token.
type APITokenRequest struct {
	Name string `json:"name"`
}

// APITokenList lists the caller's API tokens.
type APITokenList struct {
	Items []APITokenBody `json:"items"`
}

// CreateAPIToken mints a personal API token for the caller (R-ORG-2).
func (a *API) CreateAPIToken(w http.ResponseWriter, r *http.Request) error {
	var in APITokenRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Name == "" || len(in.Name) > 100 {
		return problem.Field("name", "is required, at most 100 characters")
	}
	me := userOf(r)
	token, hash := auth.NewToken("sbt_")
	t, err := a.Store.CreateAPIToken(r.Context(), me.OrgID, me.ID, in.Name, hash)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, APITokenBody{ID: t.ID, Name: t.Name, Token: token, CreatedAt: stamp(t.CreatedAt)})
}

// ListAPITokens lists the caller's API tokens, without their secrets.
func (a *API) ListAPITokens(w http.ResponseWriter, r *http.Request) error {
	me := userOf(r)
	list, err := a.Store.APITokens(r.Context(), me.OrgID, me.ID)
	if err != nil {
		return err
	}
	out := APITokenList{Items: make([]APITokenBody, len(list))}
	for i, t := range list {
		out.Items[i] = APITokenBody{ID: t.ID, Name: t.Name, CreatedAt: stamp(t.CreatedAt)}
		if t.LastUsedAt != nil {
			s := stamp(*t.LastUsedAt)
			out.Items[i].LastUsedAt = &s
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

// DeleteAPIToken revokes one of the caller's tokens.
func (a *API) DeleteAPIToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	me := userOf(r)
	if err := a.Store.DeleteAPIToken(r.Context(), me.OrgID, me.ID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
