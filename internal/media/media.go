// Package media holds the audio files an org uploads for the carrier to
// play (R-IN-10): what an upload may be, which files a routing
// configuration plays, and the signed, expiring URLs the carrier fetches
// them at. It does no I/O: the store keeps the bytes, the API serves them.
package media

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// MaxSize bounds an uploaded file: 5 MiB is about five minutes of 128 kbit/s
// MP3 or one minute of 8 kHz 16-bit WAV — far more than a greeting or a
// menu needs — and keeps a file a small row for either database.
const MaxSize = 5 << 20

// MaxNameLen bounds a file's name, in characters.
const MaxNameLen = 100

// The content types an upload may have: the MP3 and WAV types Twilio's
// <Play> accepts (https://www.twilio.com/docs/voice/twiml/play, "Supported
// audio file types"). The file is served with the type it was uploaded with.
var ContentTypes = []string{"audio/mpeg", "audio/wav", "audio/x-wav"}

// File is an uploaded audio file, without its bytes. ID is what a routing
// message's audio_file_id names.
type File struct {
	ID          string
	Name        string
	ContentType string
	Size        int64
	CreatedBy   org.UserID
	CreatedAt   time.Time
}

// NewID returns a new random file id ("aud_" and 24 hex digits). It fits
// the routing configuration's audio_file_id rule and cannot be guessed.
func NewID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return "aud_" + hex.EncodeToString(b)
}

// CheckUpload checks an upload's name and declared Content-Type before its
// body is read. It returns the file with the trimmed name and the
// canonical type, or an Invalid error naming each bad field ("name",
// "content_type").
func CheckUpload(name, contentType string) (File, error) {
	f := File{Name: strings.TrimSpace(name)}
	fields := problem.Fields{}
	switch n := utf8.RuneCountInString(f.Name); {
	case n == 0:
		fields.Add("name", "is required: pass the file's name as ?name=")
	case n > MaxNameLen || !utf8.ValidString(f.Name):
		fields.Add("name", fmt.Sprintf("must be at most %d characters of UTF-8 text", MaxNameLen))
	case strings.ContainsFunc(f.Name, unicode.IsControl):
		fields.Add("name", "must not contain control characters")
	}
	f.ContentType = canonicalType(contentType)
	if f.ContentType == "" {
		fields.Add("content_type", "the Content-Type header must be "+strings.Join(ContentTypes, ", ")+" (the formats the carrier plays)")
	}
	return f, fields.Err()
}

// canonicalType returns the allowed type ct names, ignoring parameters and
// case, or "" when it names none.
func canonicalType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	for _, t := range ContentTypes {
		if mt == t {
			return t
		}
	}
	return ""
}

// CheckBody checks that body is a non-empty file of content type ct (one
// of ContentTypes) no larger than MaxSize, by its first bytes: an MP3
// starts with an ID3 tag or an MPEG audio frame, a WAV with a RIFF WAVE
// header. The error names the field "body".
func CheckBody(ct string, body []byte) error {
	switch {
	case len(body) == 0:
		return problem.Field("body", "is empty: send the audio file as the request body")
	case len(body) > MaxSize:
		return TooLarge()
	case ct == "audio/mpeg" && !isMP3(body):
		return problem.Field("body", "is not an MP3 file: it must start with an ID3 tag or an MPEG audio frame")
	case ct != "audio/mpeg" && !isWAV(body):
		return problem.Field("body", "is not a WAV file: it must start with a RIFF WAVE header")
	}
	return nil
}

// TooLarge is the error for a body over MaxSize, for callers that stop
// reading there.
func TooLarge() error {
	return &problem.Error{Kind: problem.TooLarge, Message: fmt.Sprintf("the audio file is larger than %d MiB", MaxSize>>20),
		Fields: map[string]string{"body": fmt.Sprintf("must be at most %d bytes (%d MiB)", MaxSize, MaxSize>>20)}}
}

func isMP3(b []byte) bool {
	return len(b) >= 3 && string(b[:3]) == "ID3" || len(b) >= 2 && b[0] == 0xFF && b[1]&0xE0 == 0xE0
}

func isWAV(b []byte) bool {
	return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WAVE"
}
