package media

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/routing"
)

func fieldsOf(err error) map[string]string {
	var p *problem.Error
	if !errors.As(err, &p) {
		return nil
	}
	return p.Fields
}

func TestCheckUpload(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, fileName, ct string
		want               File
		wantFields         []string
	}{
		{"mp3", " Welcome ", "audio/mpeg", File{Name: "Welcome", ContentType: "audio/mpeg"}, nil},
		{"wav with parameters and capitals", "Menu", "Audio/WAV; rate=8000", File{Name: "Menu", ContentType: "audio/wav"}, nil},
		{"x-wav", "Busy", "audio/x-wav", File{Name: "Busy", ContentType: "audio/x-wav"}, nil},
		{"missing name", "  ", "audio/mpeg", File{}, []string{"name"}},
		{"long name", strings.Repeat("é", MaxNameLen+1), "audio/mpeg", File{}, []string{"name"}},
		{"control character", "a\tb", "audio/mpeg", File{}, []string{"name"}},
		{"unsupported type", "Hold", "audio/ogg", File{}, []string{"content_type"}},
		{"no type", "Hold", "", File{}, []string{"content_type"}},
		{"malformed type", "Hold", "audio/", File{}, []string{"content_type"}},
		{"both", "", "text/plain", File{}, []string{"content_type", "name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckUpload(tt.fileName, tt.ct)
			fields := slices.Sorted(maps.Keys(fieldsOf(err)))
			if diff := cmp.Diff(tt.wantFields, fields, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("problem fields mismatch (-want +got):\n%s(error %v)", diff, err)
			}
			if err == nil {
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Fatalf("file mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestCheckBody(t *testing.T) {
	t.Parallel()
	wav := []byte("RIFF\x24\x00\x00\x00WAVEfmt ")
	tests := []struct {
		name     string
		ct       string
		body     []byte
		wantKind problem.Kind
	}{
		{"mp3 with ID3 tag", "audio/mpeg", []byte("ID3\x04\x00\x00rest"), ""},
		{"mp3 frame", "audio/mpeg", []byte{0xFF, 0xFB, 0x90, 0x64}, ""},
		{"wav", "audio/wav", wav, ""},
		{"x-wav", "audio/x-wav", wav, ""},
		{"largest allowed", "audio/mpeg", append([]byte("ID3"), make([]byte, MaxSize-3)...), ""},
		{"empty", "audio/mpeg", nil, problem.Invalid},
		{"too big", "audio/mpeg", append([]byte("ID3"), make([]byte, MaxSize-2)...), problem.TooLarge},
		{"wav sent as mp3", "audio/mpeg", wav, problem.Invalid},
		{"mp3 sent as wav", "audio/wav", []byte("ID3\x04\x00\x00rest"), problem.Invalid},
		{"text sent as mp3", "audio/mpeg", []byte("hello"), problem.Invalid},
		{"truncated wav header", "audio/wav", []byte("RIFF"), problem.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckBody(tt.ct, tt.body)
			if problem.KindOf(err) != tt.wantKind {
				t.Fatalf("CheckBody = %v (kind %q), want kind %q", err, problem.KindOf(err), tt.wantKind)
			}
			if err != nil && fieldsOf(err)["body"] == "" {
				t.Fatalf("error %v does not name the body", err)
			}
		})
	}
}

func TestNewID(t *testing.T) {
	t.Parallel()
	a, b := NewID(), NewID()
	if a == b || len(a) != 28 || !strings.HasPrefix(a, "aud_") {
		t.Fatalf("ids %q and %q", a, b)
	}
	c := routing.Default()
	c.Voice.Welcome.AudioFileID = a
	if err := routing.ValidateDraft(&c); err != nil {
		t.Fatalf("a new id is not a valid audio_file_id: %v", err)
	}
}

func TestUses(t *testing.T) {
	t.Parallel()
	voice := func(f routing.Format) routing.Config {
		c := routing.Default()
		c.Voice.Format = f
		c.Voice.Welcome = routing.Message{Text: "Hi", AudioFileID: "aud_1"}
		c.Voice.Busy = routing.Message{AudioFileID: "aud_2", AudioURL: "https://example.com/busy.mp3"}
		c.Voice.Unavailable = routing.Message{AudioFileID: "aud_1"}
		return c
	}
	tests := []struct {
		name string
		c    routing.Config
		want []Use
	}{
		{"audio_file format", voice(routing.FormatAudioFile), []Use{{"voice.welcome.audio_file_id", "aud_1"},
			{"voice.busy.audio_file_id", "aud_2"}, {"voice.unavailable.audio_file_id", "aud_1"}}},
		{"text format keeps ids unused", voice(routing.FormatText), nil},
		{"audio_url format keeps ids unused", voice(routing.FormatAudioURL), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Uses(tt.c)); diff != "" {
				t.Fatalf("Uses mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if c := voice(routing.FormatAudioFile); !Plays(c, "aud_2") || Plays(c, "aud_3") {
		t.Fatal("Plays disagrees with Uses")
	}
}
