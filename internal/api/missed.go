package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
)

// CallCards reads a call's contact card and script, kept per call by the
// call flow.
type CallCards interface {
	Card(ctx context.Context, c call.Call) (call.Card, error)
}

// MissedList is a page of the caller's missed calls (R-AG-5).
type MissedList struct {
	Calls []event.MissedCall `json:"calls"`
	// Unseen is how many missed calls the user has not seen (the badge).
	Unseen int `json:"unseen"`
	// Next is the before= of the following page, null = the last page.
	Next *string `json:"next"`
}

// ListMissed lists the calls the caller missed, newest first:
// ?limit=50&before=<call id>.
func (a *API) ListMissed(w http.ResponseWriter, r *http.Request) error {
	limit, err := queryInt(r, "limit", 50, 1, 200)
	if err != nil {
		return err
	}
	before, err := queryInt(r, "before", 0, 1, 1<<62)
	if err != nil {
		return err
	}
	me := userOf(r)
	list, next, err := a.Store.MissedCalls(r.Context(), me.OrgID, me.ID, limit, call.ID(before))
	if err != nil {
		return err
	}
	var out MissedList
	if out.Calls, err = a.missedCalls(r.Context(), me.OrgID, list); err != nil {
		return err
	}
	if out.Unseen, err = a.Store.UnseenMissed(r.Context(), me.OrgID, me.ID); err != nil {
		return err
	}
	if next != 0 {
		s := strconv.FormatInt(int64(next), 10)
		out.Next = &s
	}
	return writeJSON(w, http.StatusOK, out)
}

// missedCalls converts missed calls with their callers' records, read in
// one query.
func (a *API) missedCalls(ctx context.Context, orgID org.ID, list []call.MissedCall) ([]event.MissedCall, error) {
	var numbers []string
	for _, m := range list {
		if !m.Call.Anonymous {
			numbers = append(numbers, m.Call.From)
		}
	}
	cards, err := a.Store.CallerCards(ctx, orgID, numbers)
	if err != nil {
		return nil, err
	}
	out := make([]event.MissedCall, len(list))
	for i, m := range list {
		out[i] = event.MissedOf(m, cards[m.Call.From])
	}
	return out, nil
}

// SeeMissed marks all the caller's missed calls seen: the badge resets.
func (a *API) SeeMissed(w http.ResponseWriter, r *http.Request) error {
	me := userOf(r)
	if err := a.Store.SeeMissed(r.Context(), me.OrgID, me.ID); err != nil {
		return err
	}
	a.publishEvent(r.Context(), event.SeenBy(me.OrgID, me.ID, 0))
	w.WriteHeader(http.StatusNoContent)
	return nil
}
