package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/switchboard/switchboard/internal/media"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
)

func (f fixture) audio(t *testing.T, name string, data []byte) media.File {
	t.Helper()
	file, err := f.s.CreateAudioFile(context.Background(), f.org.ID,
		media.File{ID: media.NewID(), Name: name, ContentType: "audio/mpeg", CreatedBy: f.admin.ID}, data)
	if err != nil {
		t.Fatal(err)
	}
	return file
}

func TestAudioFiles(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	data := append([]byte("ID3"), bytes.Repeat([]byte{0, 1, 2, 0xFF}, 1000)...)
	welcome := f.audio(t, "Welcome", data)
	time.Sleep(2 * time.Millisecond) // distinct creation times
	menu := f.audio(t, "Menu", []byte("ID3 menu"))
	other := f.withOrg(t, "other")

	t.Run("created with size and time", func(t *testing.T) {
		if welcome.Size != int64(len(data)) || welcome.CreatedAt.IsZero() || welcome.CreatedBy != f.admin.ID {
			t.Fatalf("created %+v", welcome)
		}
	})
	t.Run("list, newest first, metadata only", func(t *testing.T) {
		list, err := f.s.AudioFiles(ctx, f.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]media.File{menu, welcome}, list, cmpopts.EquateApproxTime(time.Microsecond)); diff != "" {
			t.Fatalf("list mismatch (-want +got):\n%s", diff)
		}
	})
	tests := []struct {
		name     string
		read     func() (media.File, []byte, error)
		want     media.File
		wantData []byte
		wantKind problem.Kind
	}{
		{"metadata", func() (media.File, []byte, error) {
			file, err := f.s.AudioFile(ctx, f.org.ID, welcome.ID)
			return file, nil, err
		}, welcome, nil, ""},
		{"content", func() (media.File, []byte, error) { return f.s.AudioFileContent(ctx, f.org.ID, welcome.ID) }, welcome, data, ""},
		{"for the carrier, by id alone", func() (media.File, []byte, error) { return f.s.AudioFileForCarrier(ctx, menu.ID) }, menu, []byte("ID3 menu"), ""},
		{"another org's metadata", func() (media.File, []byte, error) {
			file, err := f.s.AudioFile(ctx, other.org.ID, welcome.ID)
			return file, nil, err
		}, media.File{}, nil, problem.NotFound},
		{"another org's content", func() (media.File, []byte, error) { return f.s.AudioFileContent(ctx, other.org.ID, welcome.ID) },
			media.File{}, nil, problem.NotFound},
		{"unknown id", func() (media.File, []byte, error) { return f.s.AudioFileForCarrier(ctx, "aud_nope") }, media.File{}, nil, problem.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotData, err := tt.read()
			wantKind(t, err, tt.wantKind)
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApproxTime(time.Microsecond)); diff != "" {
				t.Fatalf("file mismatch (-want +got):\n%s", diff)
			}
			if !bytes.Equal(gotData, tt.wantData) {
				t.Fatalf("bytes = %d bytes, want %d", len(gotData), len(tt.wantData))
			}
		})
	}
	t.Run("another org lists none and cannot delete", func(t *testing.T) {
		if list, err := f.s.AudioFiles(ctx, other.org.ID); err != nil || len(list) != 0 {
			t.Fatalf("other org's list = %v, %v", list, err)
		}
		wantKind(t, f.s.DeleteAudioFile(ctx, other.org.ID, welcome.ID), problem.NotFound)
	})
	t.Run("delete", func(t *testing.T) {
		if err := f.s.DeleteAudioFile(ctx, f.org.ID, menu.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.AudioFile(ctx, f.org.ID, menu.ID)
		wantKind(t, err, problem.NotFound)
		wantKind(t, f.s.DeleteAudioFile(ctx, f.org.ID, menu.ID), problem.NotFound)
	})
}

// TestDeleteAudioFileInUse: a file the live routing or the draft of a
// linked number plays cannot be deleted (decision 0014).
func TestDeleteAudioFileInUse(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := f.provider(t, "Main", false)
	n, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100"})
	if err != nil {
		t.Fatal(err)
	}
	file := f.audio(t, "Welcome", []byte("ID3"))
	plays := func(format routing.Format) routing.Config {
		c := routing.Default()
		c.Voice.Format = format
		c.Voice.Welcome.AudioFileID = file.ID
		return c
	}
	publish := func(c routing.Config) {
		t.Helper()
		if _, err := f.s.PublishRouting(ctx, f.org.ID, n.ID, c, f.admin.ID, 0); err != nil {
			t.Fatal(err)
		}
	}
	saveDraft := func(c routing.Config) {
		t.Helper()
		if err := f.s.SaveRoutingDraft(ctx, f.org.ID, n.ID, c, f.admin.ID); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		set       func()
		wantNames []string // what the refusal names; nil: the delete is allowed
	}{
		{"live and draft play it", func() { publish(plays(routing.FormatAudioFile)) },
			[]string{"the draft of +14155550100", "the live routing of +14155550100"}},
		{"only the live version plays it", func() { saveDraft(plays(routing.FormatText)) }, []string{"the live routing of +14155550100"}},
		{"only the draft plays it", func() { publish(plays(routing.FormatText)); saveDraft(plays(routing.FormatAudioFile)) },
			[]string{"the draft of +14155550100"}},
		{"an older version plays it", func() { saveDraft(routing.Default()) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.set()
			err := f.s.DeleteAudioFile(ctx, f.org.ID, file.ID)
			if tt.wantNames == nil {
				if err != nil {
					t.Fatalf("delete refused: %v", err)
				}
				file = f.audio(t, "Welcome again", []byte("ID3")) // for the next case
				return
			}
			wantKind(t, err, problem.Conflict)
			for _, name := range tt.wantNames {
				if !strings.Contains(err.Error(), name) {
					t.Fatalf("refusal %q does not name %q", err, name)
				}
			}
			if _, err := f.s.AudioFile(ctx, f.org.ID, file.ID); err != nil {
				t.Fatalf("a refused delete removed the file: %v", err)
			}
		})
	}
	t.Run("an unlinked number's routing does not hold it", func(t *testing.T) {
		publish(plays(routing.FormatAudioFile))
		wantKind(t, f.s.DeleteAudioFile(ctx, f.org.ID, file.ID), problem.Conflict)
		if err := f.s.UnlinkNumber(ctx, f.org.ID, n.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.s.DeleteAudioFile(ctx, f.org.ID, file.ID); err != nil {
			t.Fatalf("delete refused after unlink: %v", err)
		}
	})
}
