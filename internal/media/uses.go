package media

import "github.com/switchboard/switchboard/internal/routing"

// Use is an uploaded file a routing configuration plays, and the field
// that names it (e.g. "voice.welcome.audio_file_id").
type Use struct {
	Path, ID string
}

// Uses lists the uploaded files c plays: the messages' audio_file_id when
// the voice format is audio_file. In the other formats the ids are kept
// but not played (routing.Message), so they are not uses.
func Uses(c routing.Config) []Use {
	v := c.Voice
	if v.Format != routing.FormatAudioFile {
		return nil
	}
	var out []Use
	for _, m := range []struct {
		name string
		msg  routing.Message
	}{{"welcome", v.Welcome}, {"menu", v.Menu}, {"busy", v.Busy}, {"unavailable", v.Unavailable}} {
		if m.msg.AudioFileID != "" {
			out = append(out, Use{Path: "voice." + m.name + ".audio_file_id", ID: m.msg.AudioFileID})
		}
	}
	return out
}

// Plays reports whether c plays file id.
func Plays(c routing.Config, id string) bool {
	for _, u := range Uses(c) {
		if u.ID == id {
			return true
		}
	}
	return false
}
