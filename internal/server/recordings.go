package server

import (
	"context"

	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/secret"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio"
)

// recordings opens the carrier account of a call's number for the API's
// recording endpoints, with the provider's sealed credentials.
type recordings struct {
	store    *store.Store
	box      *secret.Box
	carriers carriers
}

// ForCall returns the carrier account holding the call's recording.
func (rs recordings) ForCall(ctx context.Context, orgID org.ID, id call.ID) (api.RecordingCarrier, error) {
	p, err := rs.store.CallProvider(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	cl, err := rs.carriers.account(rs.box, p)
	if err != nil {
		return nil, err
	}
	return recordingCarrier{cl}, nil
}

// recordingCarrier adapts *twilio.Client to api.RecordingCarrier.
type recordingCarrier struct{ c *twilio.Client }

func (rc recordingCarrier) RecordingMedia(ctx context.Context, sid, rangeHeader string) (api.RecordingMedia, error) {
	m, err := rc.c.RecordingMedia(ctx, sid, rangeHeader)
	return api.RecordingMedia{Status: m.Status, ContentType: m.ContentType, ContentLength: m.ContentLength,
		ContentRange: m.ContentRange, Body: m.Body}, err
}

func (rc recordingCarrier) DeleteRecording(ctx context.Context, sid string) error {
	return rc.c.DeleteRecording(ctx, sid)
}
