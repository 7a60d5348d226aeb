package api

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/store"
)

// Access is who may call a route.
type Access int

// Public routes need no credentials; Member routes any active user; Admin
// routes an active admin (R-ORG-3).
const (
	Public Access = iota
	Member
	Admin
)

// SessionCookie is the browser session cookie's name.
const SessionCookie = "sb_session"

// CSRFHeader carries the session's CSRF token on cookie-authenticated writes.
const CSRFHeader = "X-CSRF-Token"

type ctxKey int

const (
	sessionKey ctxKey = iota
	infoKey
)

// RequestInfo is what the logs say about a request; auth fills in the org
// and user once known.
type RequestInfo struct {
	ID     string
	OrgID  org.ID
	UserID org.UserID
}

// WithInfo returns ctx carrying info.
func WithInfo(ctx context.Context, info *RequestInfo) context.Context {
	return context.WithValue(ctx, infoKey, info)
}

// InfoFrom returns the request's info, or nil.
func InfoFrom(ctx context.Context) *RequestInfo {
	i, _ := ctx.Value(infoKey).(*RequestInfo)
	return i
}

type session struct {
	store.Session
	tokenHash string
	cookie    bool
}

// userOf returns the signed-in user; routes behind Guard always have one.
func userOf(r *http.Request) org.User {
	return r.Context().Value(sessionKey).(*session).User
}

func sessionOf(r *http.Request) *session {
	s, _ := r.Context().Value(sessionKey).(*session)
	return s
}

// Sessions looks sessions and API tokens up by token hash.
type Sessions interface {
	SessionByToken(ctx context.Context, tokenHash string) (store.Session, error)
}

// Guard wraps h with the checks access requires: a valid session or API
// token, the CSRF token for cookie-authenticated writes, and the admin role.
func Guard(sessions Sessions, access Access, h HandlerFunc) HandlerFunc {
	if access == Public {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		s, err := authenticate(r, sessions)
		if err != nil {
			return err
		}
		if info := InfoFrom(r.Context()); info != nil {
			info.OrgID, info.UserID = s.User.OrgID, s.User.ID
		}
		if s.cookie && !safeMethod(r.Method) {
			got := r.Header.Get(CSRFHeader)
			if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRFToken)) != 1 {
				return problem.New(problem.Forbidden, "missing or wrong %s header: send the csrf_token from the session", CSRFHeader)
			}
		}
		if access == Admin && !s.User.IsAdmin() {
			return problem.New(problem.Forbidden, "only admins may do this")
		}
		return h(w, r.WithContext(context.WithValue(r.Context(), sessionKey, s)))
	}
}

func authenticate(r *http.Request, sessions Sessions) (*session, error) {
	token, cookie := "", false
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, t, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || t == "" {
			return nil, problem.New(problem.Unauthenticated, "Authorization header must be \"Bearer <token>\"")
		}
		token = strings.TrimSpace(t)
	} else if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		token, cookie = c.Value, true
	}
	if token == "" {
		return nil, problem.New(problem.Unauthenticated, "sign in first: send a session cookie or an Authorization: Bearer token")
	}
	hash := auth.HashToken(token)
	s, err := sessions.SessionByToken(r.Context(), hash)
	if problem.Is(err, problem.NotFound) {
		return nil, problem.New(problem.Unauthenticated, "session expired or token revoked; sign in again")
	}
	if err != nil {
		return nil, err
	}
	return &session{Session: s, tokenHash: hash, cookie: cookie && !s.APIToken}, nil
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}
