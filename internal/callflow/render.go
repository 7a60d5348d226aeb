package callflow

import (
	"fmt"
	"slices"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/twilio/twiml"
)

// DefaultHoldMusic is the track Twilio's own hold-music twimlet plays; it
// is used when a number sets no hold music of its own.
const DefaultHoldMusic = "http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3"

// menuTimeout is how long the menu waits for a key after it is read.
const menuTimeout = 5

// paths of the inbound call flow's webhooks, under /webhooks/twilio.
const (
	pathMenu      = "/webhooks/twilio/voice/menu"
	pathWait      = "/webhooks/twilio/voice/wait"
	pathResume    = "/webhooks/twilio/voice/resume"
	pathAgent     = "/webhooks/twilio/voice/agent"
	pathLeg       = "/webhooks/twilio/voice/leg"
	pathVoicemail = "/webhooks/twilio/voice/voicemail"
	pathRecording = "/webhooks/twilio/voice/recording"
)

func (wh *Webhooks) url(path string, id call.ID) string {
	return fmt.Sprintf("%s%s?call=%d", wh.BaseURL, path, id)
}

// ConferenceName is the conference a call's caller and agent meet in.
func ConferenceName(id call.ID) string { return fmt.Sprintf("call-%d", id) }

// says renders messages in the number's voice: text is spoken, audio URLs
// are played.
func says(v routing.Voice, ms []routing.Message) []twiml.Verb {
	var out []twiml.Verb
	for _, m := range ms {
		if m.AudioURL != "" {
			out = append(out, twiml.Play{URL: m.AudioURL})
		} else if m.Text != "" {
			out = append(out, twiml.Say{Voice: v.Voice, Language: v.Language, Text: m.Text})
		}
	}
	return out
}

// playable points the messages of the audio_file format at signed URLs of
// their uploaded files (R-IN-10), which says plays as audio URLs. The
// URLs use the wall clock: the carrier fetches them in real time.
func (wh *Webhooks) playable(v routing.Voice, ms []routing.Message) []routing.Message {
	if v.Format != routing.FormatAudioFile || wh.Media == nil {
		return ms
	}
	out, base := slices.Clone(ms), wh.BaseURL
	if wh.MediaURL != "" {
		base = wh.MediaURL
	}
	for i, m := range out {
		if m.AudioFileID != "" {
			out[i].AudioURL = wh.Media.AudioURL(base, m.AudioFileID, time.Now())
		}
	}
	return out
}

// render is the caller's TwiML for a step.
func (wh *Webhooks) render(c routing.Config, step routing.Step, id call.ID) twiml.Response {
	verbs := says(c.Voice, wh.playable(c.Voice, step.Say))
	switch step.Kind {
	case routing.StepMenu:
		var prompts []twiml.Prompt
		for _, v := range verbs {
			prompts = append(prompts, v.(twiml.Prompt))
		}
		verbs = []twiml.Verb{twiml.Gather{NumDigits: twiml.Int(1), Timeout: twiml.Int(menuTimeout), Action: wh.url(pathMenu, id),
			ActionOnEmptyResult: twiml.Bool(true), Prompts: prompts}}
	case routing.StepRing, routing.StepQueue:
		verbs = append(verbs, wh.conference(id, false, step.Record))
	case routing.StepForward:
		d := twiml.Dial{}
		for _, n := range step.Forward {
			d.Nouns = append(d.Nouns, twiml.Number{PhoneNumber: n})
		}
		verbs = append(verbs, d, twiml.Hangup{})
	case routing.StepVoicemail:
		verbs = append(verbs, twiml.Record{MaxLength: twiml.Int(step.VoicemailSeconds), PlayBeep: twiml.Bool(true),
			Action: wh.url(pathVoicemail, id)}, twiml.Hangup{})
	case routing.StepHangup:
		verbs = append(verbs, twiml.Hangup{})
	}
	return twiml.Response{Verbs: verbs}
}

// conference joins the call's conference: the caller waits (hearing the
// wait URL) until an agent, who starts it, joins. Either leaving ends it.
func (wh *Webhooks) conference(id call.ID, agent, record bool) twiml.Dial {
	conf := twiml.Conference{Name: ConferenceName(id), StartConferenceOnEnter: twiml.Bool(agent),
		EndConferenceOnExit: twiml.Bool(true), Beep: "false"}
	if !agent {
		conf.WaitURL = twiml.String(wh.url(pathWait, id))
		if record {
			conf.Record = "record-from-start"
			conf.RecordingStatusCallback = wh.url(pathRecording, id)
		}
	}
	return twiml.Dial{Nouns: []twiml.Noun{conf}}
}
