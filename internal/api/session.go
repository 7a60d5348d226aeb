package api

import (
	"context"
	"math"
	"net/http"
	"time"

	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// SignInRequest is the body of POST /api/v1/session.
type SignInRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// SessionResponse describes a signed-in session. Token is returned only at
// sign-in; CSRFToken must be sent as X-CSRF-Token on cookie-authenticated
// writes.
type SessionResponse struct {
	Token     string  `json:"token,omitempty"`
	CSRFToken string  `json:"csrf_token,omitempty"`
	ExpiresAt *string `json:"expires_at,omitempty"`
	User      User    `json:"user"`
	Org       OrgBody `json:"org"`
}

// SignIn checks an e-mail and password and starts a session: the token is
// returned in the body (for Authorization: Bearer) and set as an HttpOnly
// cookie. Repeated failures for one e-mail are slowed down.
func (a *API) SignIn(w http.ResponseWriter, r *http.Request) error {
	var in SignInRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	email, _ := org.NormalizeEmail(in.Email)
	if err := a.throttle(r.Context(), email); err != nil {
		return err
	}
	u, err := a.checkPassword(r.Context(), email, in.Password)
	if err != nil {
		return err
	}
	token, hash := auth.NewToken("sbs_")
	csrf, _ := auth.NewToken("")
	expires := a.now().Add(a.sessionTTL())
	if err := a.Store.CreateSession(r.Context(), u.OrgID, u.ID, hash, csrf, expires); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: a.SecureCookies, SameSite: http.SameSiteLaxMode})
	body, err := a.sessionBody(r.Context(), u, csrf, expires)
	if err != nil {
		return err
	}
	body.Token = token
	return writeJSON(w, http.StatusCreated, body)
}

func (a *API) throttle(ctx context.Context, email string) error {
	n, last, err := a.Store.SignInFailures(ctx, email)
	if err != nil {
		return err
	}
	if wait := auth.Delay(n) - a.now().Sub(last); wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		return &problem.Error{Kind: problem.TooMany, RetryAfter: secs,
			Message: "too many failed sign-ins for this e-mail; try again in " + (time.Duration(secs) * time.Second).String()}
	}
	return nil
}

func (a *API) checkPassword(ctx context.Context, email, password string) (org.User, error) {
	u, hash, err := a.Store.Credentials(ctx, email)
	known := err == nil
	if err != nil && !problem.Is(err, problem.NotFound) {
		return org.User{}, err
	}
	if !known {
		hash = a.dummyHash(ctx) // unknown e-mails take as long as known ones
	}
	ok, err := a.Hasher.Check(ctx, hash, password)
	if err != nil && known {
		return org.User{}, err
	}
	ok = ok && known && u.Active
	if err := a.Store.RecordSignIn(ctx, email, ok); err != nil {
		return org.User{}, err
	}
	if !ok {
		return org.User{}, problem.New(problem.Unauthenticated, "e-mail or password is wrong, or the user is inactive")
	}
	return u, nil
}

func (a *API) sessionBody(ctx context.Context, u org.User, csrf string, expires time.Time) (SessionResponse, error) {
	o, err := a.Store.Org(ctx, u.OrgID)
	if err != nil {
		return SessionResponse{}, err
	}
	body := SessionResponse{CSRFToken: csrf, User: userBody(u), Org: orgBody(o)}
	if !expires.IsZero() {
		s := stamp(expires)
		body.ExpiresAt = &s
	}
	return body, nil
}

// CurrentSession returns the signed-in user, the org and the CSRF token.
func (a *API) CurrentSession(w http.ResponseWriter, r *http.Request) error {
	s := sessionOf(r)
	body, err := a.sessionBody(r.Context(), s.User, s.CSRFToken, s.ExpiresAt)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, body)
}

// SignOut ends the session used by the request and clears the cookie.
func (a *API) SignOut(w http.ResponseWriter, r *http.Request) error {
	s := sessionOf(r)
	if s.APIToken {
		return problem.New(problem.BadRequest, "this is an API token, not a session; revoke it with DELETE /api/v1/tokens/{id}")
	}
	if err := a.Store.DeleteSession(r.Context(), s.User.OrgID, s.tokenHash); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: a.SecureCookies, SameSite: http.SameSiteLaxMode})
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// stamp formats a time for the API (RFC 3339, UTC).
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
