package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
)

// ProviderBody is a connected provider. The auth token is never shown.
type ProviderBody struct {
	ID              int64   `json:"id"`
	Kind            string  `json:"kind" enum:"twilio,sandbox"`
	Name            string  `json:"name"`
	AccountSID      string  `json:"account_sid"`
	APIURL          string  `json:"api_url"`
	AccountType     string  `json:"account_type" enum:"Trial,Full"`
	AllUsers        bool    `json:"all_users"`
	IncludeNewUsers bool    `json:"include_new_users"`
	UserIDs         []int64 `json:"user_ids"`
	LastOKAt        *string `json:"last_ok_at"`
	LastError       string  `json:"last_error"`
	LastErrorAt     *string `json:"last_error_at"`
	CreatedAt       string  `json:"created_at"`
}

func providerBody(p provider.Provider) ProviderBody {
	b := ProviderBody{ID: int64(p.ID), Kind: string(p.Kind), Name: p.Name, AccountSID: p.AccountSID, APIURL: p.APIURL,
		AccountType: p.AccountType, AllUsers: p.AllUsers, IncludeNewUsers: p.IncludeNewUsers, UserIDs: []int64{},
		LastError: p.LastError, CreatedAt: stamp(p.CreatedAt)}
	for _, u := range p.Users {
		b.UserIDs = append(b.UserIDs, int64(u))
	}
	if p.LastOKAt != nil {
		s := stamp(*p.LastOKAt)
		b.LastOKAt = &s
	}
	if p.LastErrorAt != nil {
		s := stamp(*p.LastErrorAt)
		b.LastErrorAt = &s
	}
	return b
}

// ProviderRequest connects a provider: a Twilio account's SID and auth
// token (verified at Twilio before anything is saved), or the built-in
// sandbox; installed for all users or the listed ones.
type ProviderRequest struct {
	Kind            string  `json:"kind" enum:"twilio,sandbox"`
	Name            string  `json:"name,omitempty"`
	AccountSID      string  `json:"account_sid,omitempty"`
	AuthToken       string  `json:"auth_token,omitempty"`
	APIURL          string  `json:"api_url,omitempty"`
	AllUsers        bool    `json:"all_users,omitempty"`
	IncludeNewUsers bool    `json:"include_new_users,omitempty"`
	UserIDs         []int64 `json:"user_ids,omitempty"`
}

// ProviderList lists providers.
type ProviderList struct {
	Items []ProviderBody `json:"items"`
}

// UserIDsRequest names users.
type UserIDsRequest struct {
	UserIDs []int64 `json:"user_ids"`
}

func userIDs(ids []int64) []org.UserID {
	out := make([]org.UserID, len(ids))
	for i, id := range ids {
		out[i] = org.UserID(id)
	}
	return out
}

// ListProviders lists the org's installed providers with their users and
// health.
func (a *API) ListProviders(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.Providers(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	out := ProviderList{Items: make([]ProviderBody, len(list))}
	for i, p := range list {
		out.Items[i] = providerBody(p)
	}
	return writeJSON(w, http.StatusOK, out)
}

// ConnectProvider verifies the credentials with the carrier, then saves the
// provider with its secret sealed (R-PROV-1, 2). Nothing is saved when the
// carrier refuses.
func (a *API) ConnectProvider(w http.ResponseWriter, r *http.Request) error {
	var req ProviderRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	in := provider.Input{Kind: req.Kind, Name: req.Name, AccountSID: req.AccountSID, AuthToken: req.AuthToken,
		APIURL: req.APIURL, AllUsers: req.AllUsers, IncludeNewUsers: req.IncludeNewUsers, UserIDs: userIDs(req.UserIDs)}
	if err := in.Validate(); err != nil {
		return err
	}
	if provider.Kind(in.Kind) == provider.Sandbox {
		sid, token, err := a.Carriers.SandboxAccount(in.Name)
		if err != nil {
			return err
		}
		in.AccountSID, in.AuthToken = sid, token
	}
	c, err := a.Carriers.Dial(provider.Kind(in.Kind), in.AccountSID, in.AuthToken, in.APIURL)
	if err != nil {
		return err
	}
	typ, err := c.AccountType(r.Context())
	if err != nil {
		return err
	}
	p := provider.Provider{Kind: provider.Kind(in.Kind), Name: in.Name, AccountSID: in.AccountSID, APIURL: in.APIURL,
		AuthToken: a.Box.Seal(in.AuthToken, provider.TokenContext(in.AccountSID)), AccountType: typ, AllUsers: in.AllUsers,
		IncludeNewUsers: in.IncludeNewUsers, Users: in.UserIDs}
	p, err = a.Store.CreateProvider(r.Context(), userOf(r).OrgID, p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, providerBody(p))
}

// GetProvider returns one provider.
func (a *API) GetProvider(w http.ResponseWriter, r *http.Request) error {
	p, err := a.providerOf(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, providerBody(p))
}

func (a *API) providerOf(r *http.Request) (provider.Provider, error) {
	id, err := pathID(r)
	if err != nil {
		return provider.Provider{}, err
	}
	return a.Store.Provider(r.Context(), userOf(r).OrgID, provider.ID(id))
}

// carrier opens the provider's carrier account with its unsealed token.
func (a *API) carrier(p provider.Provider) (Carrier, error) {
	token, err := a.Box.Open(p.AuthToken, provider.TokenContext(p.AccountSID))
	if err != nil {
		return nil, problem.Wrap(problem.Internal, err, "cannot decrypt the provider's auth token; was SWITCHBOARD_SECRET_KEY changed?")
	}
	return a.Carriers.Dial(p.Kind, p.AccountSID, token, p.APIURL)
}

// track records the outcome of a carrier call as the provider's health
// (last success, or last error) and returns err.
func (a *API) track(ctx context.Context, p provider.Provider, err error) error {
	if herr := a.Store.RecordProviderHealth(ctx, p.OrgID, p.ID, err); herr != nil {
		return errors.Join(err, herr)
	}
	return err
}

// TestProvider checks the provider's credentials at the carrier now and
// returns the updated health.
func (a *API) TestProvider(w http.ResponseWriter, r *http.Request) error {
	p, err := a.providerOf(r)
	if err != nil {
		return err
	}
	c, err := a.carrier(p)
	if err != nil {
		return err
	}
	// The test's outcome is the health it records, not a failed request.
	_, cerr := c.AccountType(r.Context())
	if err := a.track(r.Context(), p, cerr); err != nil && cerr == nil {
		return err
	}
	if p, err = a.Store.Provider(r.Context(), p.OrgID, p.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, providerBody(p))
}

// AddProviderUsers adds users to a provider (R-PROV-3: refused, naming the
// other provider, for a user who already has one).
func (a *API) AddProviderUsers(w http.ResponseWriter, r *http.Request) error {
	p, err := a.providerOf(r)
	if err != nil {
		return err
	}
	var req UserIDsRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if len(req.UserIDs) == 0 {
		return problem.Field("user_ids", "name at least one user")
	}
	if err := a.Store.AddProviderUsers(r.Context(), p.OrgID, p.ID, userIDs(req.UserIDs)); err != nil {
		return err
	}
	if p, err = a.Store.Provider(r.Context(), p.OrgID, p.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, providerBody(p))
}

// RemoveProviderUser takes a user out of a provider.
func (a *API) RemoveProviderUser(w http.ResponseWriter, r *http.Request) error {
	p, err := a.providerOf(r)
	if err != nil {
		return err
	}
	uid, err := strconv.ParseInt(r.PathValue("user_id"), 10, 64)
	if err != nil {
		return problem.New(problem.NotFound, "no such user id %q", r.PathValue("user_id"))
	}
	if err := a.Store.RemoveProviderUser(r.Context(), p.OrgID, p.ID, org.UserID(uid)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// UninstallProvider uninstalls a provider: its users are freed, its numbers
// stop routing and get their previous webhooks back at the carrier (best
// effort; failures show in the provider's health), history stays.
func (a *API) UninstallProvider(w http.ResponseWriter, r *http.Request) error {
	p, err := a.providerOf(r)
	if err != nil {
		return err
	}
	numbers, err := a.Store.UninstallProvider(r.Context(), p.OrgID, p.ID)
	if err != nil {
		return err
	}
	if c, err := a.carrier(p); err == nil {
		for _, n := range numbers {
			_, cerr := c.SetWebhooks(r.Context(), n.SID, n.Previous)
			if cerr != nil {
				a.Log.WarnContext(r.Context(), "could not restore a number's webhooks after uninstall",
					"number", n.E164, "provider_id", p.ID, "err", cerr)
			}
			a.track(r.Context(), p, cerr)
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
