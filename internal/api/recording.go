package api

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// RecordingMedia is a recording's audio as the carrier serves it; close
// Body. Status is 200, or 206 for a Range request.
type RecordingMedia struct {
	Status                                   int
	ContentType, ContentLength, ContentRange string
	Body                                     io.ReadCloser
}

// RecordingCarrier is the carrier account a call's recording lives in.
type RecordingCarrier interface {
	// RecordingMedia opens the audio; rangeHeader, when not "", is passed
	// on as Range. A recording the carrier no longer has is a NotFound.
	RecordingMedia(ctx context.Context, sid, rangeHeader string) (RecordingMedia, error)
	// DeleteRecording deletes it at the carrier; one already gone is a
	// NotFound.
	DeleteRecording(ctx context.Context, sid string) error
}

// RecordingCarriers opens the carrier account of a call's number.
type RecordingCarriers interface {
	ForCall(ctx context.Context, orgID org.ID, id call.ID) (RecordingCarrier, error)
}

// recordingPath is where the API serves a call's recording: the browser
// never sees the carrier's URL or credentials (R-POST-2).
func recordingPath(id call.ID) string { return fmt.Sprintf("/api/v1/calls/%d/recording", id) }

// recordingOf returns the call with its recording's carrier SID: another
// org's call or one with no recording is a NotFound, a deleted one Gone.
func (a *API) recordingOf(r *http.Request) (call.LogEntry, string, error) {
	id, err := pathID(r)
	if err != nil {
		return call.LogEntry{}, "", err
	}
	e, err := a.Store.CallLogEntry(r.Context(), userOf(r).OrgID, call.ID(id))
	if err != nil {
		return e, "", err
	}
	if e.RecordingDeletedAt != nil {
		by := e.DeletedByName
		if e.RecordingDeletedBy == 0 {
			by = "the org's recording retention"
		}
		return e, "", problem.New(problem.Gone, "the call's recording was deleted by %s at %s", by, stamp(*e.RecordingDeletedAt))
	}
	sid := call.RecordingSID(e.RecordingURL)
	if sid == "" {
		return e, "", problem.New(problem.NotFound, "call %d has no recording", id)
	}
	return e, sid, nil
}

// GetRecording streams a call's recording from the carrier with the
// provider's credentials, passing Range through (R-POST-2, R-POST-3).
func (a *API) GetRecording(w http.ResponseWriter, r *http.Request) error {
	e, sid, err := a.recordingOf(r)
	if err != nil {
		return err
	}
	c, err := a.Recordings.ForCall(r.Context(), e.OrgID, e.ID)
	if err != nil {
		return err
	}
	m, err := c.RecordingMedia(r.Context(), sid, r.Header.Get("Range"))
	if err != nil {
		return err
	}
	defer m.Body.Close()
	h := w.Header()
	h.Set("Content-Type", m.ContentType)
	if m.ContentType == "" {
		h.Set("Content-Type", "audio/mpeg")
	}
	for k, v := range map[string]string{"Content-Length": m.ContentLength, "Content-Range": m.ContentRange} {
		if v != "" {
			h.Set(k, v)
		}
	}
	h.Set("Accept-Ranges", "bytes")
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(m.Status)
	_, err = io.Copy(w, m.Body)
	return err // the status is sent: a broken stream can only be logged
}

// DeleteRecording deletes a call's recording at the carrier, then leaves
// its tombstone (R-POST-3). The agent who answered the call or an admin
// may (decision 0024); a recording deleted already is Gone.
func (a *API) DeleteRecording(w http.ResponseWriter, r *http.Request) error {
	e, sid, err := a.recordingOf(r)
	if err != nil {
		return err
	}
	me := userOf(r)
	if !me.IsAdmin() && e.AnsweredBy != me.ID {
		return problem.New(problem.Forbidden, "only the agent who answered the call or an admin may delete its recording")
	}
	c, err := a.Recordings.ForCall(r.Context(), e.OrgID, e.ID)
	if err != nil {
		return err
	}
	if err := c.DeleteRecording(r.Context(), sid); err != nil && !problem.Is(err, problem.NotFound) {
		return err // still at the carrier: no tombstone
	}
	if err := a.Store.DeleteRecording(r.Context(), me.OrgID, e.ID, me.ID); err != nil {
		return err
	}
	e, err = a.Store.CallLogEntry(r.Context(), me.OrgID, e.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, logBody(e))
}
