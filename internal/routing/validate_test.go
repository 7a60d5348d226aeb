package routing

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchboard/switchboard/internal/org"
)

// validateCase edits a publishable base configuration and lists the field
// problems expected; nil means valid.
type validateCase struct {
	name string
	base func() Config
	edit func(*Config)
	want map[string]string
}

const sixLevels = "menu.options[0].submenu.options[0].submenu.options[0].submenu.options[0].submenu.options[0].submenu"

func menuCases() []validateCase {
	return []validateCase{
		{"ivr is valid", ivrConfig, func(*Config) {}, nil},
		{"9 options ok", ivrConfig, func(c *Config) { c.Menu.Options = options(9) }, nil},
		{"10 options refused", ivrConfig, func(c *Config) { c.Menu.Options = append(options(9), ringOption(9, "Extra", 1)) },
			map[string]string{"menu.options": "at most 9 options per menu", "menu.options[9].key": "must be unique in its menu: key 9 is also options[8]"}},
		{"10 options in a submenu refused", ivrConfig, func(c *Config) {
			c.Menu.Options[1].Submenu.Options = append(options(9), ringOption(3, "Extra", 1))
		}, map[string]string{"menu.options[1].submenu.options": "at most 9 options per menu",
			"menu.options[1].submenu.options[9].key": "must be unique in its menu: key 3 is also options[2]"}},
		{"5 levels ok", ivrConfig, func(c *Config) { c.Menu = nested(5) }, nil},
		{"6 levels refused", ivrConfig, func(c *Config) { c.Menu = nested(6) }, map[string]string{sixLevels: "at most 5 levels of menus"}},
		{"6 levels refused in an unused option's submenu", ivrConfig, func(c *Config) {
			c.Menu.Options[0].Submenu = nested(5)
		}, map[string]string{"menu.options[0].submenu.options[0].submenu.options[0].submenu.options[0].submenu.options[0].submenu": "at most 5 levels of menus"}},
		{"duplicate key", ivrConfig, func(c *Config) { c.Menu.Options[1].Key = 1 },
			map[string]string{"menu.options[1].key": "must be unique in its menu: key 1 is also options[0]"}},
		{"same key in different menus ok", ivrConfig, func(c *Config) {
			sub := c.Menu.Options[1].Submenu.Options
			sub[0].Key, sub[1].Key = 2, 1
		}, nil},
		{"key 0", ivrConfig, func(c *Config) { c.Menu.Options[0].Key = 0 }, map[string]string{"menu.options[0].key": "must be 1–9"}},
		{"key 10", ivrConfig, func(c *Config) { c.Menu.Options[0].Key = 10 }, map[string]string{"menu.options[0].key": "must be 1–9"}},
		{"key 9 ok", ivrConfig, func(c *Config) { c.Menu.Options[0].Key = 9 }, nil},
		{"menu without options", ivrConfig, func(c *Config) { c.Menu.Options = nil },
			map[string]string{"menu.options": "must have at least one option"}},
		{"submenu without options", ivrConfig, func(c *Config) { c.Menu.Options[1].Submenu.Options = []Option{} },
			map[string]string{"menu.options[1].submenu.options": "must have at least one option"}},
		{"ivr without menu", ivrConfig, func(c *Config) { c.Menu = nil }, map[string]string{"menu": "is required in ivr mode"}},
		{"label required", ivrConfig, func(c *Config) { c.Menu.Options[0].Label = "  " },
			map[string]string{"menu.options[0].label": "is required"}},
		{"label too long", ivrConfig, func(c *Config) { c.Menu.Options[0].Label = strings.Repeat("é", 101) },
			map[string]string{"menu.options[0].label": "must be at most 100 characters"}},
		{"label of 100 characters ok", ivrConfig, func(c *Config) { c.Menu.Options[0].Label = strings.Repeat("é", 100) }, nil},
		{"unknown action", ivrConfig, func(c *Config) { c.Menu.Options[0].Action = "transfer" },
			map[string]string{"menu.options[0].action": "must be ring or submenu"}},
		{"ring option without group", ivrConfig, func(c *Config) { c.Menu.Options[0].Group = nil },
			map[string]string{"menu.options[0].group": "is required for a ring option"}},
		{"submenu option without submenu", ivrConfig, func(c *Config) { c.Menu.Options[1].Submenu = nil },
			map[string]string{"menu.options[1].submenu": "is required for a submenu option"}},
		{"unused parts of an option are not required complete", ivrConfig, func(c *Config) {
			c.Menu.Options[0].Submenu = &Menu{}
			c.Menu.Options[1].Group = ringGroup()
		}, nil},
		{"direct mode ignores an incomplete menu", directConfig, func(c *Config) { c.Menu = &Menu{} }, nil},
		{"direct mode still refuses a menu over the limits", directConfig, func(c *Config) { c.Menu = &Menu{Options: options(10)} },
			map[string]string{"menu.options": "at most 9 options per menu", "menu.options[9].key": "must be 1–9"}},
		{"unknown mode", ivrConfig, func(c *Config) { c.Mode = "auto" }, map[string]string{"mode": "must be ivr or direct"}},
	}
}

func groupCases() []validateCase {
	return []validateCase{
		{"direct is valid", directConfig, func(*Config) {}, nil},
		{"direct without group", directConfig, func(c *Config) { c.Group = nil }, map[string]string{"group": "is required in direct mode"}},
		{"group without users", directConfig, func(c *Config) { c.Group.Users = nil },
			map[string]string{"group.users": "must list at least one user"}},
		{"unknown user", directConfig, func(c *Config) { c.Group.Users = []org.UserID{1, 42} },
			map[string]string{"group.users[1]": "no active user with id 42"}},
		{"unknown user in an option", ivrConfig, func(c *Config) { c.Menu.Options[1].Submenu.Options[1].Group.Users[0] = 11 },
			map[string]string{"menu.options[1].submenu.options[1].group.users[0]": "no active user with id 11"}},
		{"duplicate user", directConfig, func(c *Config) { c.Group.Users = []org.UserID{1, 2, 1} },
			map[string]string{"group.users[2]": "user 1 is listed twice"}},
		{"user id 0", directConfig, func(c *Config) { c.Group.Users = []org.UserID{0} },
			map[string]string{"group.users[0]": "must be a user id"}},
		{"101 users", ivrConfig, func(c *Config) {
			c.Group = ringGroup()
			for id := range org.UserID(101) {
				c.Group.Users = append(c.Group.Users, id+1)
			}
		}, map[string]string{"group.users": "at most 100 users per group"}},
		{"direct repeat refused", directConfig, func(c *Config) { c.Group.Repeat = true },
			map[string]string{"group.repeat": "cannot be set on a number's direct group: an unanswered sequence is repeated up to two cycles in all"}},
		{"option repeat ok", ivrConfig, func(c *Config) { c.Menu.Options[0].Group.Repeat = true }, nil},
		{"unknown ring type", directConfig, func(c *Config) { c.Group.Ring = "round_robin" },
			map[string]string{"group.ring": "must be simultaneous or sequential"}},
		{"sequential interval 5 ok", directConfig, func(c *Config) { c.Group.Ring, c.Group.IntervalSeconds = RingSequential, 5 }, nil},
		{"sequential interval 120 ok", directConfig, func(c *Config) { c.Group.Ring, c.Group.IntervalSeconds = RingSequential, 120 }, nil},
		{"sequential interval 4", directConfig, func(c *Config) { c.Group.Ring, c.Group.IntervalSeconds = RingSequential, 4 },
			map[string]string{"group.interval_seconds": "must be between 5 and 120 seconds"}},
		{"sequential interval 121", directConfig, func(c *Config) { c.Group.Ring, c.Group.IntervalSeconds = RingSequential, 121 },
			map[string]string{"group.interval_seconds": "must be between 5 and 120 seconds"}},
		{"sequential interval 0", directConfig, func(c *Config) { c.Group.Ring, c.Group.IntervalSeconds = RingSequential, 0 },
			map[string]string{"group.interval_seconds": "must be between 5 and 120 seconds"}},
		{"simultaneous interval 0 is defaulted", directConfig, func(c *Config) { c.Group.IntervalSeconds = 0 }, nil},
		{"simultaneous interval 500 still refused", directConfig, func(c *Config) { c.Group.IntervalSeconds = 500 },
			map[string]string{"group.interval_seconds": "must be between 5 and 120 seconds"}},
		{"simultaneous timeout 4", directConfig, func(c *Config) { c.Group.TimeoutSeconds = 4 },
			map[string]string{"group.timeout_seconds": "must be between 5 and 120 seconds"}},
		{"simultaneous timeout 121", directConfig, func(c *Config) { c.Group.TimeoutSeconds = 121 },
			map[string]string{"group.timeout_seconds": "must be between 5 and 120 seconds"}},
		{"empty ring type is simultaneous", directConfig, func(c *Config) { c.Group.Ring = "" }, nil},
	}
}

func voiceCases() []validateCase {
	audioURL := func(c *Config) {
		c.Voice.Format = FormatAudioURL
		for _, m := range []*Message{&c.Voice.Menu, &c.Voice.Busy, &c.Voice.Unavailable} {
			m.AudioURL = "https://example.com/a.mp3"
		}
	}
	return []validateCase{
		{"single-level menu with audio url ok", ivrConfig, func(c *Config) { c.Menu.Options = options(3); audioURL(c) }, nil},
		{"submenu with audio url refused", ivrConfig, audioURL,
			map[string]string{"voice.format": "a multi-level menu supports only the text format"}},
		{"submenu with audio file refused", ivrConfig, func(c *Config) {
			c.Voice.Format = FormatAudioFile
			c.Voice.Menu.AudioFileID, c.Voice.Busy.AudioFileID, c.Voice.Unavailable.AudioFileID = "f1", "f2", "f3"
		}, map[string]string{"voice.format": "a multi-level menu supports only the text format"}},
		{"direct mode with audio file ok", directConfig, func(c *Config) {
			c.Voice.Format = FormatAudioFile
			c.Voice.Busy.AudioFileID, c.Voice.Unavailable.AudioFileID = "busy-1.mp3", "unavailable_2"
		}, nil},
		{"audio file missing", directConfig, func(c *Config) { c.Voice.Format = FormatAudioFile; c.Voice.Busy.AudioFileID = "f" },
			map[string]string{"voice.unavailable.audio_file_id": "is required for the audio_file format"}},
		{"audio url missing", ivrConfig, func(c *Config) { c.Menu.Options = options(1); audioURL(c); c.Voice.Menu.AudioURL = "" },
			map[string]string{"voice.menu.audio_url": "is required for the audio_url format"}},
		{"bad audio url", directConfig, func(c *Config) { c.Voice.Welcome.AudioURL = "ftp://example.com/a.mp3" },
			map[string]string{"voice.welcome.audio_url": "must be an http or https URL"}},
		{"bad audio file id", directConfig, func(c *Config) { c.Voice.Welcome.AudioFileID = "../etc/passwd" },
			map[string]string{"voice.welcome.audio_file_id": "must be an uploaded file id: at most 100 letters, digits, '.', '_' or '-', starting with a letter or digit"}},
		{"template without variables", ivrConfig, func(c *Config) { c.Voice.Menu.Text = "Press a key." },
			map[string]string{"voice.menu.text": "must contain ${Key press} and ${Menu}"}},
		{"template without ${Menu}", ivrConfig, func(c *Config) { c.Voice.Menu.Text = "Press ${Key press}." },
			map[string]string{"voice.menu.text": "must contain ${Key press} and ${Menu}"}},
		{"template without ${Key press}", ivrConfig, func(c *Config) { c.Voice.Menu.Text = "For ${Menu}, press the key." },
			map[string]string{"voice.menu.text": "must contain ${Key press} and ${Menu}"}},
		{"French template ok", ivrConfig, func(c *Config) { c.Voice.Menu.Text = "Merci de sélectionner ${Key press} pour ${Menu}." }, nil},
		{"empty template in ivr", ivrConfig, func(c *Config) { c.Voice.Menu.Text = "" },
			map[string]string{"voice.menu.text": "is required for the text format"}},
		{"direct mode needs no template", directConfig, func(c *Config) { c.Voice.Menu.Text = "" }, nil},
		{"busy text required", directConfig, func(c *Config) { c.Voice.Busy.Text = " " },
			map[string]string{"voice.busy.text": "is required for the text format"}},
		{"welcome optional", directConfig, func(c *Config) { c.Voice.Welcome.Text = "" }, nil},
		{"message too long", directConfig, func(c *Config) { c.Voice.Unavailable.Text = strings.Repeat("a", 1001) },
			map[string]string{"voice.unavailable.text": "must be at most 1000 characters"}},
		{"unknown format", directConfig, func(c *Config) { c.Voice.Format = "mp3" },
			map[string]string{"voice.format": "must be text, audio_file or audio_url"}},
		{"unknown voice", directConfig, func(c *Config) { c.Voice.Voice = "robot" }, map[string]string{"voice.voice": "must be man, woman, alice, " +
			"Polly.<Name> (e.g. Polly.Joanna or Polly.Joanna-Neural) or Google.<voice> (e.g. Google.en-US-Standard-C), or empty for the carrier's default"}},
		{"bad language", directConfig, func(c *Config) { c.Voice.Language = "english" },
			map[string]string{"voice.language": "must be a language tag like en-US, fr-FR or cmn-CN, or empty for en-US"}},
		{"carrier default voice", directConfig, func(c *Config) { c.Voice.Voice, c.Voice.Language = "", "" }, nil},
	}
}

func queueCases() []validateCase {
	queue := func(edit func(*Queue)) func(*Config) {
		return func(c *Config) { c.Queue.Enabled = true; edit(&c.Queue) }
	}
	between := func(field, rule string) map[string]string { return map[string]string{"queue." + field: rule} }
	return []validateCase{
		{"queue on", directConfig, queue(func(*Queue) {}), nil},
		{"max callers 0", directConfig, queue(func(q *Queue) { q.MaxCallers = 0 }), between("max_callers", "must be between 1 and 25")},
		{"max callers 1", directConfig, queue(func(q *Queue) { q.MaxCallers = 1 }), nil},
		{"max callers 25", directConfig, queue(func(q *Queue) { q.MaxCallers = 25 }), nil},
		{"max callers 26", directConfig, queue(func(q *Queue) { q.MaxCallers = 26 }), between("max_callers", "must be between 1 and 25")},
		{"max wait 0", directConfig, queue(func(q *Queue) { q.MaxWaitMinutes = 0 }), between("max_wait_minutes", "must be between 1 and 25 minutes")},
		{"max wait 1", directConfig, queue(func(q *Queue) { q.MaxWaitMinutes = 1 }), nil},
		{"max wait 25", directConfig, queue(func(q *Queue) { q.MaxWaitMinutes = 25 }), nil},
		{"max wait 26", directConfig, queue(func(q *Queue) { q.MaxWaitMinutes = 26 }), between("max_wait_minutes", "must be between 1 and 25 minutes")},
		{"announcement every 30 ok", directConfig, queue(func(q *Queue) { q.AnnouncementEverySeconds = 30 }), nil},
		{"announcement every 1 ok", directConfig, queue(func(q *Queue) { q.AnnouncementEverySeconds = 1 }), nil},
		{"announcement every 31", directConfig, queue(func(q *Queue) { q.AnnouncementEverySeconds = 31 }),
			between("announcement_every_seconds", "must be between 1 and 30 seconds")},
		{"announcement every 0", directConfig, queue(func(q *Queue) { q.AnnouncementEverySeconds = 0 }),
			between("announcement_every_seconds", "must be between 1 and 30 seconds")},
		{"no announcement needs no frequency", directConfig, queue(func(q *Queue) { q.Announcement, q.AnnouncementEverySeconds = AnnounceNone, 0 }), nil},
		{"unknown announcement", directConfig, queue(func(q *Queue) { q.Announcement = "jingle" }),
			between("announcement", "must be none, all_agents_busy, call_important, please_hold or custom")},
		{"custom announcement without text", directConfig, queue(func(q *Queue) { q.Announcement = AnnounceCustom }),
			between("announcement_text", "is required for a custom announcement")},
		{"custom announcement", directConfig, queue(func(q *Queue) { q.Announcement, q.AnnouncementText = AnnounceCustom, "Hang on!" }), nil},
		{"custom hold music", directConfig, queue(func(q *Queue) { q.HoldMusicURL = "https://example.com/hold.mp3" }), nil},
		{"bad hold music", directConfig, queue(func(q *Queue) { q.HoldMusicURL = "hold.mp3" }),
			between("hold_music_url", "must be an http or https URL, or empty for the default music")},
		{"queue off with zeros is defaulted", directConfig, func(c *Config) { c.Queue = Queue{} }, nil},
		{"queue off still refuses 26 callers", directConfig, func(c *Config) { c.Queue.MaxCallers = 26 }, between("max_callers", "must be between 1 and 25")},
		{"voicemail 5 ok", directConfig, func(c *Config) { c.Voicemail = Voicemail{Enabled: true, MaxLengthSeconds: 5} }, nil},
		{"voicemail 600 ok", directConfig, func(c *Config) { c.Voicemail = Voicemail{Enabled: true, MaxLengthSeconds: 600} }, nil},
		{"voicemail 4", directConfig, func(c *Config) { c.Voicemail = Voicemail{Enabled: true, MaxLengthSeconds: 4} },
			map[string]string{"voicemail.max_length_seconds": "must be between 5 and 600 seconds"}},
		{"voicemail 601", directConfig, func(c *Config) { c.Voicemail = Voicemail{Enabled: true, MaxLengthSeconds: 601} },
			map[string]string{"voicemail.max_length_seconds": "must be between 5 and 600 seconds"}},
		{"voicemail off with zero is defaulted", directConfig, func(c *Config) { c.Voicemail = Voicemail{} }, nil},
	}
}

func hoursCases() []validateCase {
	weekly := func(w Week) func(*Config) {
		return func(c *Config) { c.Hours = Hours{Weekly: w} }
	}
	return []validateCase{
		{"schedule and holidays", hoursConfig, func(*Config) {}, nil},
		{"adjacent ranges ok", directConfig, weekly(Week{Monday: []TimeRange{{From: "09:00", To: "12:00"}, {From: "12:00", To: "13:00"}}}), nil},
		{"overlapping ranges", directConfig, weekly(Week{Tuesday: []TimeRange{{From: "14:00", To: "18:00"}, {From: "09:00", To: "14:30"}}}),
			map[string]string{"hours.weekly.tuesday[0]": "overlaps 09:00–14:30"}},
		{"nested ranges", directConfig, weekly(Week{Friday: []TimeRange{{From: "08:00", To: "20:00"}, {From: "09:00", To: "10:00"}}}),
			map[string]string{"hours.weekly.friday[1]": "overlaps 08:00–20:00"}},
		{"overlap with an earlier, longer range", directConfig,
			weekly(Week{Friday: []TimeRange{{From: "08:00", To: "20:00"}, {From: "09:00", To: "10:00"}, {From: "11:00", To: "12:00"}}}),
			map[string]string{"hours.weekly.friday[1]": "overlaps 08:00–20:00", "hours.weekly.friday[2]": "overlaps 08:00–20:00"}},
		{"overlap chain", directConfig,
			weekly(Week{Friday: []TimeRange{{From: "11:00", To: "13:00"}, {From: "08:00", To: "10:00"}, {From: "09:00", To: "12:00"}}}),
			map[string]string{"hours.weekly.friday[2]": "overlaps 08:00–10:00", "hours.weekly.friday[0]": "overlaps 09:00–12:00"}},
		{"from after to", directConfig, weekly(Week{Sunday: []TimeRange{{From: "18:00", To: "09:00"}}}),
			map[string]string{"hours.weekly.sunday[0]": "from must be before to (split a range that crosses midnight over two days)"}},
		{"empty range", directConfig, weekly(Week{Sunday: []TimeRange{{From: "09:00", To: "09:00"}}}),
			map[string]string{"hours.weekly.sunday[0]": "from must be before to (split a range that crosses midnight over two days)"}},
		{"bad times", directConfig, weekly(Week{Wednesday: []TimeRange{{From: "9:00", To: "25:00"}, {From: "24:00", To: "24:00"}}}),
			map[string]string{"hours.weekly.wednesday[0].from": "must be a time HH:MM between 00:00 and 23:59",
				"hours.weekly.wednesday[0].to":   "must be a time HH:MM between 00:01 and 24:00",
				"hours.weekly.wednesday[1].from": "must be a time HH:MM between 00:00 and 23:59"}},
		{"until midnight ok", directConfig, weekly(Week{Thursday: []TimeRange{{From: "00:00", To: "24:00"}}}), nil},
		{"too many ranges", directConfig, func(c *Config) {
			c.Hours = Hours{}
			for h := range 13 {
				c.Hours.Weekly.Monday = append(c.Hours.Weekly.Monday, TimeRange{From: clock(h, 0), To: clock(h, 30)})
			}
		}, map[string]string{"hours.weekly.monday": "at most 12 ranges per day"}},
		{"never open", directConfig, func(c *Config) { c.Hours = Hours{} },
			map[string]string{"hours.weekly": "add opening hours for at least one day, or set always_open"}},
		{"holidays only with always open", directConfig, func(c *Config) { c.Hours.Holidays = []Holiday{{Date: "2026-01-01"}} }, nil},
		{"impossible holiday", directConfig, func(c *Config) { c.Hours.Holidays = []Holiday{{Date: "2026-02-30", Name: "Never"}} },
			map[string]string{"hours.holidays[0].date": "must be a date YYYY-MM-DD"}},
		{"holiday in another form", directConfig, func(c *Config) { c.Hours.Holidays = []Holiday{{Date: "25/12/2026"}, {Date: "2026-1-01"}} },
			map[string]string{"hours.holidays[0].date": "must be a date YYYY-MM-DD", "hours.holidays[1].date": "must be a date YYYY-MM-DD"}},
		{"holiday ending before it starts", directConfig, func(c *Config) {
			c.Hours.UseOrg, c.Hours.Holidays = false, []Holiday{{Date: "2026-08-15", EndDate: "2026-08-01"}}
		}, map[string]string{"hours.holidays[0].end_date": "must not be before date"}},
		{"following the org: own hours never open are kept unused", directConfig, func(c *Config) { c.Hours = Hours{UseOrg: true} }, nil},
		{"following the org: own overlapping ranges are kept unused", directConfig, func(c *Config) {
			c.Hours = Hours{UseOrg: true, Weekly: Week{Monday: []TimeRange{{From: "09:00", To: "12:00"}, {From: "11:00", To: "10:00"}}}}
		}, nil},
		{"following the org: own times must still be times", directConfig, func(c *Config) {
			c.Hours = Hours{UseOrg: true, Weekly: Week{Monday: []TimeRange{{From: "9am", To: "17:00"}}}}
		}, map[string]string{"hours.weekly.monday[0].from": "must be a time HH:MM between 00:00 and 23:59"}},
		{"following the org: own holidays still bounded", directConfig, func(c *Config) {
			c.Hours.UseOrg, c.Hours.Holidays = true, []Holiday{{Date: "2026-08-15", Name: strings.Repeat("n", 101)}}
		}, map[string]string{"hours.holidays[0].name": "must be at most 100 characters"}},
		{"bad holiday end", directConfig, func(c *Config) { c.Hours.Holidays = []Holiday{{Date: "2026-08-15", EndDate: "soon"}} },
			map[string]string{"hours.holidays[0].end_date": "must be a date YYYY-MM-DD, or empty for a single day"}},
		{"holiday name too long", directConfig, func(c *Config) {
			c.Hours.Holidays = []Holiday{{Date: "2026-08-15", Name: strings.Repeat("n", 101)}}
		}, map[string]string{"hours.holidays[0].name": "must be at most 100 characters"}},
		{"too many holidays", directConfig, func(c *Config) {
			c.Hours.Holidays = make([]Holiday, 201)
			for i := range c.Hours.Holidays {
				c.Hours.Holidays[i].Date = "2026-05-01"
			}
		}, map[string]string{"hours.holidays": "at most 200 holidays"}},
	}
}

// clock returns "HH:MM".
func clock(h, m int) string { return fmt.Sprintf("%02d:%02d", h, m) }

func TestValidate(t *testing.T) {
	t.Parallel()
	var cases []validateCase
	for _, group := range [][]validateCase{menuCases(), groupCases(), voiceCases(), queueCases(), hoursCases()} {
		cases = append(cases, group...)
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.base()
			tt.edit(&c)
			if diff := cmp.Diff(tt.want, fields(t, Validate(&c, known))); diff != "" {
				t.Errorf("Validate fields mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateDraft(t *testing.T) {
	t.Parallel()
	tests := []validateCase{
		{"default", Default, func(*Config) {}, nil},
		{"ivr with an empty menu", Default, func(c *Config) { c.Mode, c.Menu = ModeIVR, &Menu{} }, nil},
		{"ivr without a menu yet", Default, func(c *Config) { c.Mode = ModeIVR }, nil},
		{"option without label, group or unique key", ivrConfig, func(c *Config) {
			c.Menu.Options = append(c.Menu.Options, Option{Key: 1, Action: ActionRing})
		}, nil},
		{"template without variables", ivrConfig, func(c *Config) { c.Voice.Menu.Text = "Press a key." }, nil},
		{"unknown and repeated users", directConfig, func(c *Config) { c.Group.Users = []org.UserID{99, 99} }, nil},
		{"overlapping and reversed hours", directConfig, func(c *Config) {
			c.Hours = Hours{Weekly: Week{Monday: []TimeRange{{From: "09:00", To: "12:00"}, {From: "11:00", To: "10:00"}, {From: "10:00", To: "13:00"}}}}
		}, nil},
		{"holiday ending before it starts", directConfig, func(c *Config) {
			c.Hours.Holidays = []Holiday{{Date: "2026-08-15", EndDate: "2026-08-01"}}
		}, nil},
		{"custom announcement without text", directConfig, func(c *Config) { c.Queue.Enabled, c.Queue.Announcement = true, AnnounceCustom }, nil},
		{"submenu with audio", ivrConfig, func(c *Config) { c.Voice.Format = FormatAudioURL }, nil},
		{"10 options refused", Default, func(c *Config) { c.Menu = &Menu{Options: append(options(9), Option{Key: 5})} },
			map[string]string{"menu.options": "at most 9 options per menu", "menu.options[9].action": "must be ring or submenu"}},
		{"6 levels refused", Default, func(c *Config) { c.Menu = nested(6) }, map[string]string{sixLevels: "at most 5 levels of menus"}},
		{"key 10 refused", ivrConfig, func(c *Config) { c.Menu.Options[0].Key = 10 }, map[string]string{"menu.options[0].key": "must be 1–9"}},
		{"queue limit refused", directConfig, func(c *Config) { c.Queue.Enabled, c.Queue.MaxCallers = true, 26 },
			map[string]string{"queue.max_callers": "must be between 1 and 25"}},
		{"direct repeat refused", Default, func(c *Config) { c.Group.Repeat = true },
			map[string]string{"group.repeat": "cannot be set on a number's direct group: an unanswered sequence is repeated up to two cycles in all"}},
		{"bad enumerations refused", Default, func(c *Config) {
			c.Mode, c.Voice.Format, c.Group.Ring, c.Queue.Announcement = "x", "y", "z", "w"
		}, map[string]string{"mode": "must be ivr or direct", "voice.format": "must be text, audio_file or audio_url",
			"group.ring":         "must be simultaneous or sequential",
			"queue.announcement": "must be none, all_agents_busy, call_important, please_hold or custom"}},
		{"bad time refused", Default, func(c *Config) { c.Hours.Weekly.Monday = []TimeRange{{From: "noon", To: "18:00"}} },
			map[string]string{"hours.weekly.monday[0].from": "must be a time HH:MM between 00:00 and 23:59"}},
		{"bad user id refused", Default, func(c *Config) { c.Group.Users = []org.UserID{-3} },
			map[string]string{"group.users[0]": "must be a user id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.base()
			tt.edit(&c)
			if diff := cmp.Diff(tt.want, fields(t, ValidateDraft(&c))); diff != "" {
				t.Errorf("ValidateDraft fields mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateNil(t *testing.T) {
	t.Parallel()
	want := map[string]string{"config": "is required"}
	if diff := cmp.Diff(want, fields(t, Validate(nil, known))); diff != "" {
		t.Errorf("Validate(nil) mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, fields(t, ValidateDraft(nil))); diff != "" {
		t.Errorf("ValidateDraft(nil) mismatch (-want +got):\n%s", diff)
	}
	c := directConfig()
	want = map[string]string{"group.users[0]": "no active user with id 1", "group.users[1]": "no active user with id 2"}
	if diff := cmp.Diff(want, fields(t, Validate(&c, nil))); diff != "" {
		t.Errorf("Validate with nil known mismatch (-want +got):\n%s", diff)
	}
}

func TestValidateNormalises(t *testing.T) {
	t.Parallel()
	c := ivrConfig()
	c.Menu.Options[0].Label = "  Sales \n"
	c.Menu.Options[0].Group.Ring = ""
	c.Menu.Options[0].Group.IntervalSeconds = 0
	c.Voice.Voice, c.Voice.Language = " Polly.Joanna-Neural ", " en-GB"
	c.Voice.Busy = Message{Text: "\tBusy. ", AudioURL: " https://example.com/b.mp3 ", AudioFileID: " f1 "}
	c.Queue = Queue{HoldMusicURL: " https://example.com/hold.mp3 ", AnnouncementText: " Hi "}
	c.Voicemail = Voicemail{}
	c.Hours = Hours{Weekly: Week{Monday: []TimeRange{{From: " 09:00", To: "17:00 "}}}, Holidays: []Holiday{{Date: " 2026-12-25 ", Name: " Christmas "}}}
	if err := Validate(&c, known); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	want := ivrConfig()
	want.Menu.Options[0].Group.Ring = RingSimultaneous
	want.Voice.Voice, want.Voice.Language = "Polly.Joanna-Neural", "en-GB"
	want.Voice.Busy = Message{Text: "Busy.", AudioURL: "https://example.com/b.mp3", AudioFileID: "f1"}
	want.Queue = Queue{MaxCallers: DefaultQueueCallers, MaxWaitMinutes: DefaultQueueWaitMinutes, HoldMusicURL: "https://example.com/hold.mp3",
		Announcement: AnnounceAllAgentsBusy, AnnouncementText: "Hi", AnnouncementEverySeconds: DefaultAnnouncementEvery}
	want.Voicemail = Voicemail{MaxLengthSeconds: DefaultVoicemailSeconds}
	want.Hours = Hours{Weekly: Week{Monday: []TimeRange{{From: "09:00", To: "17:00"}}}, Holidays: []Holiday{{Date: "2026-12-25", Name: "Christmas"}}}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("normalised config mismatch (-want +got):\n%s", diff)
	}
}

func TestValidVoiceAndLanguage(t *testing.T) {
	t.Parallel()
	voices := map[string]bool{
		"man": true, "woman": true, "alice": true, "Polly.Joanna": true, "Polly.Joanna-Neural": true,
		"Polly.Lea-Generative": true, "Google.en-US-Standard-C": true, "Google.fr-FR-Neural2-A": true,
		"Google.en-US-Chirp3-HD-Aoede": true, "Google.cmn-CN-Wavenet-A": true,
		"Man": false, "Polly.": false, "Polly.joanna": false, "Polly.Joanna-Fast": false, "Polly.Jo anna": false,
		"Google.en-US": false, "Google.english-US-A": false, "Google.en-US--A": false, "Azure.x": false, "": false,
	}
	for v, want := range voices {
		if got := validVoice(v); got != want {
			t.Errorf("validVoice(%q) = %v, want %v", v, got, want)
		}
	}
	langs := map[string]bool{
		"en-US": true, "fr-FR": true, "cmn-CN": true, "arb": true, "es-419": true, "pt-BR": true,
		"en_US": false, "EN-US": false, "en-us": false, "e": false, "english": false, "en-USA": false, "en-": false, "": false,
	}
	for l, want := range langs {
		if got := validLanguage(l); got != want {
			t.Errorf("validLanguage(%q) = %v, want %v", l, got, want)
		}
	}
}

func TestValidFileID(t *testing.T) {
	t.Parallel()
	ids := map[string]bool{
		"f1": true, "busy-1.mp3": true, "A_b.C-9": true, strings.Repeat("a", MaxAudioFileIDLen): true,
		"": false, "..": false, ".hidden": false, "-x": false, "a/b": false, "a b": false, "é": false,
		strings.Repeat("a", MaxAudioFileIDLen+1): false,
	}
	for id, want := range ids {
		if got := validFileID(id); got != want {
			t.Errorf("validFileID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestValidURL(t *testing.T) {
	t.Parallel()
	urls := map[string]bool{
		"https://example.com/a.mp3": true, "http://example.com:8080/a.wav?x=1": true,
		"ftp://example.com/a.mp3": false, "example.com/a.mp3": false, "https://": false, "https://a b/": false,
		"https://user:pw@example.com/a.mp3": false, "javascript:alert(1)": false,
		"https://example.com/" + strings.Repeat("a", MaxURLLen): false,
	}
	for u, want := range urls {
		if got := validURL(u); got != want {
			t.Errorf("validURL(%q) = %v, want %v", u, got, want)
		}
	}
}
