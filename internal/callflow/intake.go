// Package callflow serves the carrier's webhooks: it verifies each request
// with the provider's auth token, finds the org's number it concerns, and
// answers with TwiML.
package callflow

import (
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/switchboard/switchboard/internal/media"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio"
)

// Opener decrypts sealed provider secrets.
type Opener interface {
	Open(sealed, context string) (string, error)
}

// Webhooks serves carrier webhooks. BaseURL is the external base the
// carrier signs against (SWITCHBOARD_PUBLIC_URL, or this server's own
// address for the in-process sandbox) — never the Host header, so
// signatures check out behind a reverse proxy.
type Webhooks struct {
	Store   *store.Store
	Box     Opener
	BaseURL string
	Log     *slog.Logger
	// Worker runs the carrier actions webhooks queue.
	Worker *Worker
	// Clock is the time routing decides at; nil is the wall clock (a
	// sandbox on a virtual clock passes its own).
	Clock func() time.Time
	// Media signs the URLs uploaded audio is played from; with nil, uploaded
	// files are not played (a message's text is, if it has one).
	Media *media.Signer
	// MediaURL is the base the media URLs are signed for; "" is BaseURL
	// (the IVR test console plays files from the main server).
	MediaURL string

	safe     safeAnswers
	tokens   tokens
	versions versions
	zones    zones
}

// Hook is a verified webhook: the provider it came from and the org's
// linked number it names, or nil when it names none.
type Hook struct {
	Provider provider.Provider
	Number   *provider.Number
}

// HookFunc handles a verified webhook.
type HookFunc func(w http.ResponseWriter, r *http.Request, h Hook) error

// maxBody bounds a webhook's form.
const maxBody = 1 << 20

// Intake wraps next with the checks every webhook passes: the request names
// a linked number or a connected account, and its X-Twilio-Signature is the
// provider's. Anything else is answered 403 and changes nothing.
func (wh *Webhooks) Intake(next HookFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if err := r.ParseForm(); err != nil {
			http.Error(w, "malformed webhook form", http.StatusBadRequest)
			return
		}
		h, err := wh.identify(r)
		if err != nil && problem.KindOf(err) == problem.Internal && isVoice(r.URL.Path) {
			wh.answerSafely(w, r, err)
			return
		}
		if err == nil {
			err = wh.verify(r, h.Provider)
		}
		if err != nil {
			wh.Log.WarnContext(r.Context(), "webhook refused", "path", r.URL.Path, "reason", err,
				"account_sid", r.PostForm.Get("AccountSid"), "to", r.PostForm.Get("To"))
			http.Error(w, "forbidden: "+err.Error(), http.StatusForbidden)
			return
		}
		if err := next(w, r, h); err != nil {
			if isVoice(r.URL.Path) {
				wh.answerSafely(w, r, err)
				return
			}
			wh.Log.ErrorContext(r.Context(), "webhook failed", "path", r.URL.Path, "err", err)
			http.Error(w, "webhook failed", http.StatusInternalServerError)
		}
	})
}

// identify finds the linked number the request names (To for inbound
// calls and texts, From for outbound ones), else the account's provider.
func (wh *Webhooks) identify(r *http.Request) (Hook, error) {
	ctx := r.Context()
	for _, key := range []string{"To", "Called", "From"} {
		e164 := r.PostForm.Get(key)
		if e164 == "" {
			continue
		}
		n, p, err := wh.Store.WebhookNumber(ctx, e164)
		if err == nil {
			return Hook{Provider: p, Number: &n}, nil
		}
		if !problem.Is(err, problem.NotFound) {
			return Hook{}, err
		}
	}
	sid := r.PostForm.Get("AccountSid")
	if sid == "" {
		return Hook{}, problem.New(problem.Forbidden, "no AccountSid and no linked number in the request")
	}
	p, err := wh.Store.ProviderForWebhook(ctx, sid)
	if problem.Is(err, problem.NotFound) {
		return Hook{}, problem.New(problem.Forbidden, "account %s is not connected", sid)
	}
	return Hook{Provider: p}, err
}

func (wh *Webhooks) verify(r *http.Request, p provider.Provider) error {
	token, err := wh.tokens.open(wh.Box, p)
	if err != nil {
		return problem.Wrap(problem.Internal, err, "cannot decrypt the provider's auth token")
	}
	return twilio.VerifyRequest(token, wh.BaseURL, r)
}

// tokens keeps the providers' auth tokens opened, by sealed value and the
// account it is sealed for: every webhook needs its provider's, and
// opening one (AES-GCM and base64) was a tenth of a webhook's own work. A
// token changed or re-sealed is a new key; maxTokens bounds what old ones
// leave behind. They stay in memory only, as every token the server uses
// does while it uses it.
type tokens struct {
	m sync.Map // sealedToken → opened
	n atomic.Int64
}

type sealedToken struct{ sealed, accountSID string }

const maxTokens = 1024

func (t *tokens) open(box Opener, p provider.Provider) (string, error) {
	key := sealedToken{p.AuthToken, p.AccountSID}
	if v, ok := t.m.Load(key); ok {
		return v.(string), nil
	}
	token, err := box.Open(p.AuthToken, provider.TokenContext(p.AccountSID))
	if err != nil {
		return "", err
	}
	if t.n.Add(1) > maxTokens {
		t.m.Clear()
		t.n.Store(1)
	}
	t.m.Store(key, token)
	return token, nil
}
