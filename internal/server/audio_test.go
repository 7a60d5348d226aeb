package server_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/media"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// mp3 is a small body that passes for an MP3 file (an ID3 tag first).
var mp3 = append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), bytes.Repeat([]byte{0xFF, 0xFB, 0x90, 0x64}, 256)...)

type audioJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	CreatedAt   string `json:"created_at"`
}

// upload sends body as an audio file named name.
func (c *client) upload(name, contentType string, body []byte) response {
	c.e.t.Helper()
	h := map[string]string{}
	if contentType != "" {
		h["Content-Type"] = contentType
	}
	return c.e.do(http.MethodPost, "/api/v1/audio?name="+url.QueryEscape(name), c.token, string(body), h)
}

func (c *client) audioFiles(t *testing.T) []audioJSON {
	t.Helper()
	res := c.do(http.MethodGet, "/api/v1/audio", nil)
	wantStatus(t, res, http.StatusOK)
	var list struct{ Items []audioJSON }
	res.decode(t, &list)
	return list.Items
}

func TestAudioUpload(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	res := admin.upload("Welcome", "audio/mpeg", mp3)
	wantStatus(t, res, http.StatusCreated)
	var f audioJSON
	res.decode(t, &f)
	if !strings.HasPrefix(f.ID, "aud_") || f.Name != "Welcome" || f.ContentType != "audio/mpeg" || f.Size != int64(len(mp3)) || f.CreatedAt == "" {
		t.Fatalf("uploaded %+v", f)
	}
	wav := []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00")
	wantStatus(t, admin.upload("Menu", "audio/x-wav", wav), http.StatusCreated)

	t.Run("listed newest first", func(t *testing.T) {
		list := admin.audioFiles(t)
		if len(list) != 2 || list[0].Name != "Menu" || list[1] != f {
			t.Fatalf("list = %+v", list)
		}
	})
	t.Run("the admin previews the bytes", func(t *testing.T) {
		res := admin.do(http.MethodGet, "/api/v1/audio/"+f.ID, nil)
		wantStatus(t, res, http.StatusOK)
		if !bytes.Equal(res.body, mp3) || res.header.Get("Content-Type") != "audio/mpeg" {
			t.Fatalf("preview: %d bytes of %s", len(res.body), res.header.Get("Content-Type"))
		}
		ranged := e.do(http.MethodGet, "/api/v1/audio/"+f.ID, admin.token, nil, map[string]string{"Range": "bytes=0-2"})
		if ranged.status != http.StatusPartialContent || string(ranged.body) != "ID3" {
			t.Fatalf("range: %d %q", ranged.status, ranged.body)
		}
	})

	tests := []struct {
		name, fileName, contentType string
		body                        []byte
		status                      int
		field                       string
	}{
		{"wrong type", "Hold", "audio/ogg", mp3, http.StatusUnprocessableEntity, "content_type"},
		{"no type", "Hold", "", mp3, http.StatusUnprocessableEntity, "content_type"},
		{"missing name", "", "audio/mpeg", mp3, http.StatusUnprocessableEntity, "name"},
		{"empty", "Hold", "audio/mpeg", nil, http.StatusUnprocessableEntity, "body"},
		{"not an mp3", "Hold", "audio/mpeg", []byte("<html>hello</html>"), http.StatusUnprocessableEntity, "body"},
		{"too big", "Hold", "audio/mpeg", append([]byte("ID3"), make([]byte, media.MaxSize)...), http.StatusRequestEntityTooLarge, "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := admin.upload(tt.fileName, tt.contentType, tt.body)
			wantStatus(t, res, tt.status)
			if _, msg, fields := res.errorBody(t); fields[tt.field] == "" {
				t.Fatalf("error %q names %v, want %s", msg, fields, tt.field)
			}
		})
	}
	t.Run("refused uploads store nothing", func(t *testing.T) {
		if list := admin.audioFiles(t); len(list) != 2 {
			t.Fatalf("%d files after refused uploads, want 2", len(list))
		}
	})
	t.Run("agents may not", func(t *testing.T) {
		agent := e.signIn(demo.Users[1].Email)
		wantStatus(t, agent.upload("Mine", "audio/mpeg", mp3), http.StatusForbidden)
		wantStatus(t, agent.do(http.MethodGet, "/api/v1/audio", nil), http.StatusForbidden)
		wantStatus(t, agent.do(http.MethodGet, "/api/v1/audio/"+f.ID, nil), http.StatusForbidden)
	})
	t.Run("another org's admin cannot see it", func(t *testing.T) {
		o, err := e.st.CreateOrg(context.Background(), org.Org{Slug: "other", Name: "Other", Settings: org.DefaultSettings()})
		if err != nil {
			t.Fatal(err)
		}
		other := e.newUser(o.ID, "admin@other.test", org.Admin)
		wantStatus(t, other.do(http.MethodGet, "/api/v1/audio/"+f.ID, nil), http.StatusNotFound)
		wantStatus(t, other.do(http.MethodDelete, "/api/v1/audio/"+f.ID, nil), http.StatusNotFound)
		if list := other.audioFiles(t); len(list) != 0 {
			t.Fatalf("other org lists %+v", list)
		}
	})
	t.Run("delete", func(t *testing.T) {
		wantStatus(t, admin.do(http.MethodDelete, "/api/v1/audio/"+f.ID, nil), http.StatusNoContent)
		wantStatus(t, admin.do(http.MethodGet, "/api/v1/audio/"+f.ID, nil), http.StatusNotFound)
		wantStatus(t, admin.do(http.MethodDelete, "/api/v1/audio/"+f.ID, nil), http.StatusNotFound)
	})
}

// audioRouting plays file id for every message and rings user.
func audioRouting(id string, user int64) map[string]any {
	msg := map[string]any{"text": "", "audio_file_id": id}
	return map[string]any{"online": true, "mode": "direct",
		"group": map[string]any{"users": []int64{user}, "ring": "simultaneous", "interval_seconds": 15, "timeout_seconds": 20},
		"voice": map[string]any{"format": "audio_file", "welcome": msg, "busy": msg, "unavailable": msg},
		"hours": map[string]any{"always_open": true}}
}

// TestAudioFilePlayedToTheCaller: an uploaded file in a published routing
// is played at a signed URL that serves its bytes, and only while the URL
// is valid (R-IN-10).
func TestAudioFilePlayedToTheCaller(t *testing.T) {
	t.Parallel()
	e := newCallEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	_, n, _ := linkedNumber(t, e)
	base := "/api/v1/numbers/" + itoa(n.ID) + "/routing"
	alice := e.demoUserID(demo.Users[1].Email) // offline: the caller hears the unavailable message

	t.Run("publish refuses a file the org does not have", func(t *testing.T) {
		wantStatus(t, admin.do(http.MethodPut, base, audioRouting("aud_000000000000000000000000", alice)), http.StatusOK)
		res := admin.do(http.MethodPost, base+"/publish", nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if _, _, fields := res.errorBody(t); fields["voice.welcome.audio_file_id"] == "" || fields["voice.unavailable.audio_file_id"] == "" {
			t.Fatalf("publish problems %v do not name the messages' audio_file_id", fields)
		}
	})

	res := admin.upload("Welcome", "audio/mpeg", mp3)
	wantStatus(t, res, http.StatusCreated)
	var f audioJSON
	res.decode(t, &f)
	wantStatus(t, admin.do(http.MethodPut, base, audioRouting(f.ID, alice)), http.StatusOK)
	wantStatus(t, admin.do(http.MethodPost, base+"/publish", nil), http.StatusCreated)
	s := &scenario{e: e, number: n}
	tr, _, _ := s.call(t, sandbox.CallScript{})

	var played []string
	for _, st := range tr.Steps {
		if st.Kind == sandbox.StepPlay {
			played = append(played, st.URL)
		}
	}
	// The welcome, then the unavailable message (alice is offline).
	if len(played) != 2 || !strings.HasPrefix(played[0], e.url+"/media/audio/"+f.ID+"?exp=") {
		t.Fatalf("caller heard %q, want the uploaded file twice at its signed URL\n%s", played, tr.Text())
	}
	signed := played[0]

	t.Run("the signed URL serves the file without a session", func(t *testing.T) {
		res := fetch(t, signed)
		if res.status != http.StatusOK || !bytes.Equal(res.body, mp3) || res.header.Get("Content-Type") != "audio/mpeg" {
			t.Fatalf("fetch: %d, %d bytes of %s", res.status, len(res.body), res.header.Get("Content-Type"))
		}
		if cc := res.header.Get("Cache-Control"); !strings.HasPrefix(cc, "public, max-age=") {
			t.Fatalf("Cache-Control %q", cc)
		}
	})
	u, _ := url.Parse(signed)
	sig, exp := u.Query().Get("sig"), u.Query().Get("exp")
	signer := media.NewSigner(e.box.Key(media.KeyPurpose))
	tests := []struct {
		name   string
		url    string
		status int
	}{
		{"expired", signer.AudioURL(e.url, f.ID, time.Now().Add(-media.TTL-media.Window)), http.StatusForbidden},
		{"tampered signature", e.url + "/media/audio/" + f.ID + "?exp=" + exp + "&sig=" + strings.Repeat("A", len(sig)), http.StatusForbidden},
		{"expiry moved", e.url + "/media/audio/" + f.ID + "?exp=" + exp + "0&sig=" + sig, http.StatusForbidden},
		{"another file's signature", e.url + "/media/audio/aud_000000000000000000000000?exp=" + exp + "&sig=" + sig, http.StatusForbidden},
		{"unsigned", e.url + "/media/audio/" + f.ID, http.StatusForbidden},
		{"signed by another key", media.NewSigner([]byte("not the server's key")).AudioURL(e.url, f.ID, time.Now()), http.StatusForbidden},
		{"signed, but no such file", signer.AudioURL(e.url, "aud_000000000000000000000000", time.Now()), http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := fetch(t, tt.url)
			if res.status != tt.status || bytes.Contains(res.body, mp3[:3]) {
				t.Fatalf("fetch %s: %d %q, want %d and no audio", tt.url, res.status, res.body, tt.status)
			}
		})
	}
	t.Run("the live file cannot be deleted", func(t *testing.T) {
		res := admin.do(http.MethodDelete, "/api/v1/audio/"+f.ID, nil)
		wantStatus(t, res, http.StatusConflict)
		if _, msg, _ := res.errorBody(t); !strings.Contains(msg, "the live routing of "+n.E164) {
			t.Fatalf("refusal %q does not name the number", msg)
		}
	})
}

// fetch GETs an absolute URL as the carrier does: no session.
func fetch(t *testing.T, u string) response {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: body, header: res.Header}
}
