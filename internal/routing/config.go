// Package routing holds the inbound routing configuration of one number
// (SPEC.md section 5, R-IN): IVR menu or direct ring group, voice messages,
// call queue, business hours, voicemail and recording. It validates a
// configuration for saving as a draft and for publishing (R-PLAT-4), renders
// menu prompts, decides whether a number is open, and lists the changes
// between two versions. It does no I/O.
package routing

import "github.com/switchboard/switchboard/internal/org"

// Mode is how a number routes its callers.
type Mode string

// The modes (R-IN intro): an IVR menu, or straight to a group of users.
const (
	ModeIVR    Mode = "ivr"
	ModeDirect Mode = "direct"
)

// Action is what a menu option does when its key is pressed (R-IN-1).
type Action string

// The actions: ring the option's group, or open its sub-menu.
const (
	ActionRing    Action = "ring"
	ActionSubmenu Action = "submenu"
)

// RingType is how a group's users are rung (R-IN-6).
type RingType string

// The ring types. Simultaneous rings every candidate at once; sequential
// rings them one after another in the order they came online (R-IN-7).
const (
	RingSimultaneous RingType = "simultaneous"
	RingSequential   RingType = "sequential"
)

// Format is how the number's messages are played (R-IN-10).
type Format string

// The voice formats: text-to-speech, an uploaded audio file, or an audio URL.
const (
	FormatText      Format = "text"
	FormatAudioFile Format = "audio_file"
	FormatAudioURL  Format = "audio_url"
)

// Announcement names the message played to callers waiting in the queue
// (R-IN-13).
type Announcement string

// The queue announcements: none, one of the stock messages, or the admin's
// own text (Queue.AnnouncementText).
const (
	AnnounceNone          Announcement = "none"
	AnnounceAllAgentsBusy Announcement = "all_agents_busy"
	AnnounceCallImportant Announcement = "call_important"
	AnnouncePleaseHold    Announcement = "please_hold"
	AnnounceCustom        Announcement = "custom"
)

// Menu limits (R-IN-1, R-IN-2): keys 1–9, at most 9 options per menu and 5
// levels of menus, the root being level 1.
const (
	MinKey      = 1
	MaxKey      = 9
	MaxOptions  = 9
	MaxLevels   = 5
	MaxLabelLen = 100
)

// Group limits and defaults, in seconds (R-IN-7, R-IN-8). MaxGroupUsers is
// ours, a sanity bound.
const (
	MaxGroupUsers          = 100
	MinIntervalSeconds     = 5
	MaxIntervalSeconds     = 120
	DefaultIntervalSeconds = 20
	MinTimeoutSeconds      = 5
	MaxTimeoutSeconds      = 120
	DefaultTimeoutSeconds  = 30
)

// Voice limits and defaults (R-IN-4, R-IN-10). The menu template's variables
// are KeyPressVar and MenuVar.
const (
	MaxMessageLen       = 1000
	MaxURLLen           = 2048
	MaxAudioFileIDLen   = 100
	KeyPressVar         = "${Key press}"
	MenuVar             = "${Menu}"
	DefaultMenuTemplate = "Press " + KeyPressVar + " for " + MenuVar + "."
	DefaultVoice        = "Polly.Joanna"
	DefaultLanguage     = "en-US"
)

// Queue limits and defaults (R-IN-13).
const (
	MinQueueCallers          = 1
	MaxQueueCallers          = 25
	DefaultQueueCallers      = 10
	MinQueueWaitMinutes      = 1
	MaxQueueWaitMinutes      = 25
	DefaultQueueWaitMinutes  = 5
	MaxAnnouncementEvery     = 30
	DefaultAnnouncementEvery = 30
)

// Hours, voicemail limits and defaults (R-IN-15, R-IN-16).
const (
	MaxRangesPerDay         = org.MaxRangesPerDay
	MaxHolidays             = org.MaxHolidays
	MaxHolidayNameLen       = org.MaxHolidayNameLen
	MinVoicemailSeconds     = 5
	MaxVoicemailSeconds     = 600
	DefaultVoicemailSeconds = 120
)

// Stock texts and defaults the package keeps to itself.
const (
	defaultWelcomeText         = "Thank you for calling."
	defaultBusyText            = "All our agents are busy at the moment. Please try again later. Thank you."
	defaultUnavailableText     = "Our team is not available at the moment. Please call again during business hours."
	stockAllAgentsBusyText     = "All our agents are busy. Please stay on the line; your call will be answered shortly."
	stockCallImportantText     = "Your call is important to us. Please stay on the line."
	stockPleaseHoldText        = "Please hold. The next available agent will take your call."
	defaultQueueAnnouncement   = AnnounceAllAgentsBusy
	defaultRingType            = RingSimultaneous
	maxAnnouncementTextLen     = 500
	minAnnouncementEverySecond = 1
)

// Config is one number's routing configuration, stored as one JSON document
// per version and edited as a draft until it is published (R-PLAT-4). The
// zero value is not valid; start from Default.
type Config struct {
	// Online switches the number on; an offline number takes the
	// unavailable path (R-IN-12).
	Online bool `json:"online"`
	// Mode picks what callers reach: Menu (ivr) or Group (direct).
	Mode Mode `json:"mode"`
	// Menu is the root menu, used in ivr mode. It is kept, unused, in
	// direct mode so the editor can switch back without losing work.
	Menu *Menu `json:"menu,omitempty"`
	// Group is rung in direct mode; likewise kept, unused, in ivr mode.
	Group     *Group    `json:"group,omitempty"`
	Voice     Voice     `json:"voice"`
	Queue     Queue     `json:"queue"`
	Hours     Hours     `json:"hours"`
	Voicemail Voicemail `json:"voicemail"`
	Recording Recording `json:"recording"`
}

// Menu is one level of an IVR menu (R-IN-1, R-IN-2).
type Menu struct {
	Options []Option `json:"options"`
}

// Option is one entry of a menu: a key, what the caller hears for it, and
// what it does. Group is used when Action is ring, Submenu when it is
// submenu; the other is kept, unused.
type Option struct {
	Key     int    `json:"key"`
	Label   string `json:"label"`
	Action  Action `json:"action"`
	Group   *Group `json:"group,omitempty"`
	Submenu *Menu  `json:"submenu,omitempty"`
}

// Group is a set of users rung together (R-IN-6 to R-IN-8).
type Group struct {
	// Users are active users of the org. Their order does not set the
	// sequential order, which is the order they came online (R-IN-7).
	Users []org.UserID `json:"users"`
	Ring  RingType     `json:"ring"`
	// IntervalSeconds is how long each user rings in sequential mode.
	IntervalSeconds int `json:"interval_seconds"`
	// TimeoutSeconds is how long every user rings in simultaneous mode.
	TimeoutSeconds int `json:"timeout_seconds"`
	// Repeat rings an IVR option's whole sequence once more (with
	// simultaneous ring: everyone once more). It cannot be set on a
	// number's direct group, whose unanswered sequence always runs up to
	// two cycles in all (R-IN-8).
	Repeat bool `json:"repeat"`
}

// Voice is how the number speaks to callers (R-IN-10).
type Voice struct {
	Format Format `json:"format"`
	// Voice and Language choose the text-to-speech voice, e.g.
	// "Polly.Joanna" and "en-US"; empty means the carrier's default. They
	// are used in every format for the stock queue announcements.
	Voice    string  `json:"voice"`
	Language string  `json:"language"`
	Welcome  Message `json:"welcome"`
	// Menu is played once per option: in text format it is a template
	// with ${Key press} and ${Menu} (R-IN-4); in an audio format it is one
	// recording of the whole menu.
	Menu        Message `json:"menu"`
	Busy        Message `json:"busy"`
	Unavailable Message `json:"unavailable"`
}

// Message is one thing the caller hears. The field the voice format names
// is played; the others are kept, unused.
type Message struct {
	Text        string `json:"text"`
	AudioURL    string `json:"audio_url,omitempty"`
	AudioFileID string `json:"audio_file_id,omitempty"`
}

// Queue holds callers who cannot be connected yet (R-IN-13).
type Queue struct {
	Enabled        bool `json:"enabled"`
	MaxCallers     int  `json:"max_callers"`
	MaxWaitMinutes int  `json:"max_wait_minutes"`
	// HoldMusicURL is played while callers wait; empty = default music.
	HoldMusicURL string       `json:"hold_music_url"`
	Announcement Announcement `json:"announcement"`
	// AnnouncementText is the text of a custom announcement.
	AnnouncementText         string `json:"announcement_text"`
	AnnouncementEverySeconds int    `json:"announcement_every_seconds"`
}

// Voicemail lets callers leave a message on the unavailable path (R-IN-15).
type Voicemail struct {
	Enabled          bool `json:"enabled"`
	MaxLengthSeconds int  `json:"max_length_seconds"`
}

// Recording records whole calls to the number (R-IN-17).
type Recording struct {
	Enabled bool `json:"enabled"`
	// Announcement plays the org's recording announcement first.
	Announcement bool `json:"announcement"`
}

// Default returns the configuration of a new number: online, direct mode,
// always open, text messages, queue and voicemail off. It is a draft: its
// group has no users yet, so it cannot be published until the admin picks
// them (or builds a menu).
func Default() Config {
	return Config{
		Online: true,
		Mode:   ModeDirect,
		Group:  DefaultGroup(),
		Voice: Voice{
			Format: FormatText, Voice: DefaultVoice, Language: DefaultLanguage,
			Welcome:     Message{Text: defaultWelcomeText},
			Menu:        Message{Text: DefaultMenuTemplate},
			Busy:        Message{Text: defaultBusyText},
			Unavailable: Message{Text: defaultUnavailableText},
		},
		Queue: Queue{
			MaxCallers: DefaultQueueCallers, MaxWaitMinutes: DefaultQueueWaitMinutes,
			Announcement: defaultQueueAnnouncement, AnnouncementEverySeconds: DefaultAnnouncementEvery,
		},
		Hours:     Hours{UseOrg: true, AlwaysOpen: true},
		Voicemail: Voicemail{MaxLengthSeconds: DefaultVoicemailSeconds},
		Recording: Recording{Announcement: true},
	}
}

// DefaultGroup returns a new group with no users, simultaneous ring and the
// default timings.
func DefaultGroup() *Group {
	return &Group{Users: []org.UserID{}, Ring: defaultRingType,
		IntervalSeconds: DefaultIntervalSeconds, TimeoutSeconds: DefaultTimeoutSeconds}
}

// Text returns what a stock announcement says: empty for none, custom or an
// unknown announcement (a custom one's text is Queue.AnnouncementText).
func (a Announcement) Text() string {
	switch a {
	case AnnounceAllAgentsBusy:
		return stockAllAgentsBusyText
	case AnnounceCallImportant:
		return stockCallImportantText
	case AnnouncePleaseHold:
		return stockPleaseHoldText
	}
	return ""
}
