package api

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard/switchboard/internal/media"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/store"
)

// Uploaded audio for routing messages (R-IN-10, decision 0014).

// AudioFileBody is an uploaded audio file. ID is what a routing message's
// audio_file_id names.
type AudioFileBody struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	CreatedBy   int64  `json:"created_by"`
	CreatedAt   string `json:"created_at"`
}

// AudioFileList lists the org's audio files, newest first.
type AudioFileList struct {
	Items []AudioFileBody `json:"items"`
}

func audioFileBody(f media.File) AudioFileBody {
	return AudioFileBody{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, CreatedBy: int64(f.CreatedBy), CreatedAt: stamp(f.CreatedAt)}
}

// UploadAudio stores the request body as an audio file named by ?name=,
// of the Content-Type it is sent with (audio/mpeg, audio/wav or
// audio/x-wav), at most media.MaxSize bytes. Anything else is refused
// naming the field, and nothing is stored.
func (a *API) UploadAudio(w http.ResponseWriter, r *http.Request) error {
	f, err := media.CheckUpload(r.URL.Query().Get("name"), r.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	if r.ContentLength > media.MaxSize {
		return media.TooLarge()
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, media.MaxSize))
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return media.TooLarge()
	}
	if err != nil {
		return problem.Wrap(problem.BadRequest, err, "the request body could not be read")
	}
	if err := media.CheckBody(f.ContentType, data); err != nil {
		return err
	}
	me := userOf(r)
	f.ID, f.CreatedBy = media.NewID(), me.ID
	f, err = a.Store.CreateAudioFile(r.Context(), me.OrgID, f, data)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, audioFileBody(f))
}

// ListAudio lists the org's audio files, newest first, without their bytes.
func (a *API) ListAudio(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.AudioFiles(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	out := AudioFileList{Items: make([]AudioFileBody, len(list))}
	for i, f := range list {
		out.Items[i] = audioFileBody(f)
	}
	return writeJSON(w, http.StatusOK, out)
}

// GetAudio streams an audio file to the signed-in admin, for the editor's
// preview (with Range requests, which browsers' audio players send).
func (a *API) GetAudio(w http.ResponseWriter, r *http.Request) error {
	f, data, err := a.Store.AudioFileContent(r.Context(), userOf(r).OrgID, r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	serveAudio(w, r, f, data)
	return nil
}

// DeleteAudio deletes an audio file. One that a linked number's live
// routing or draft plays is refused as a conflict naming them.
func (a *API) DeleteAudio(w http.ResponseWriter, r *http.Request) error {
	if err := a.Store.DeleteAudioFile(r.Context(), userOf(r).OrgID, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func serveAudio(w http.ResponseWriter, r *http.Request, f media.File, data []byte) {
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("ETag", strconv.Quote(f.ID)) // a file's bytes never change
	http.ServeContent(w, r, "", f.CreatedAt, bytes.NewReader(data))
}

// checkAudioFiles adds to err — nil, or routing.Validate's field problems —
// a problem for each uploaded file c plays that the org does not have,
// naming the message's field (e.g. voice.welcome.audio_file_id).
func (a *API) checkAudioFiles(r *http.Request, c *routing.Config, err error) error {
	uses := media.Uses(*c)
	var p *problem.Error
	if len(uses) == 0 || err != nil && (!errors.As(err, &p) || p.Kind != problem.Invalid) {
		return err
	}
	files, ferr := a.Store.AudioFiles(r.Context(), userOf(r).OrgID)
	if ferr != nil {
		return ferr
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f.ID] = true
	}
	fields := problem.Fields{}
	if p != nil {
		maps.Copy(fields, p.Fields)
	}
	for _, u := range uses {
		if !have[u.ID] {
			fields.Add(u.Path, "no uploaded audio file has this id: upload the file or choose another")
		}
	}
	return fields.Err()
}

// CarrierAudio serves uploaded audio to the carrier at the signed,
// expiring URLs the call flow puts in <Play> (media.Signer.AudioURL). It
// is public: the signature is the only check, and a request whose
// signature is wrong or expired gets 403 without saying which.
type CarrierAudio struct {
	Store  *store.Store
	Signer *media.Signer
	Log    *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (c CarrierAudio) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	if c.Now != nil {
		now = c.Now()
	}
	id, q := r.PathValue("id"), r.URL.Query()
	if c.Signer == nil || !c.Signer.CheckAudio(id, q.Get("exp"), q.Get("sig"), now) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	f, data, err := c.Store.AudioFileForCarrier(r.Context(), id)
	if problem.Is(err, problem.NotFound) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err != nil {
		c.Log.ErrorContext(r.Context(), "serving audio to the carrier", "err", err, "audio_file_id", id)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	// The carrier (Twilio obeys HTTP caching) may keep the file as long as
	// the URL is valid; the same URL is handed out for 10 minutes at a time.
	exp, _ := strconv.ParseInt(q.Get("exp"), 10, 64)
	w.Header().Set("Cache-Control", "public, max-age="+strconv.FormatInt(max(exp-now.Unix(), 0), 10))
	serveAudio(w, r, f, data)
}
