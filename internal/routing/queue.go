package routing

import (
	"strings"
	"time"
)

// queue trims and checks the call queue; its limits apply when it is on.
func (v *validator) queue(q *Queue) {
	q.HoldMusicURL, q.AnnouncementText = strings.TrimSpace(q.HoldMusicURL), strings.TrimSpace(q.AnnouncementText)
	v.number("queue.max_callers", &q.MaxCallers, MinQueueCallers, MaxQueueCallers, DefaultQueueCallers, q.Enabled, "")
	v.number("queue.max_wait_minutes", &q.MaxWaitMinutes, MinQueueWaitMinutes, MaxQueueWaitMinutes,
		DefaultQueueWaitMinutes, q.Enabled, " minutes")
	if q.HoldMusicURL != "" && !validURL(q.HoldMusicURL) {
		v.f.Add("queue.hold_music_url", "must be an http or https URL, or empty for the default music")
	}
	if q.Announcement == "" && !q.Enabled {
		q.Announcement = defaultQueueAnnouncement
	}
	switch q.Announcement {
	case AnnounceNone, AnnounceAllAgentsBusy, AnnounceCallImportant, AnnouncePleaseHold, AnnounceCustom:
	default:
		v.f.Add("queue.announcement", "must be none, all_agents_busy, call_important, please_hold or custom")
	}
	v.text("queue.announcement_text", q.AnnouncementText, maxAnnouncementTextLen)
	if v.publish && q.Enabled && q.Announcement == AnnounceCustom && q.AnnouncementText == "" {
		v.f.Add("queue.announcement_text", "is required for a custom announcement")
	}
	v.number("queue.announcement_every_seconds", &q.AnnouncementEverySeconds, minAnnouncementEverySecond,
		MaxAnnouncementEvery, DefaultAnnouncementEvery, q.Enabled && q.Announcement != AnnounceNone, " seconds")
}

// QueueAnnouncement is what a queued caller hears when they start waiting
// and then every AnnounceEvery (R-IN-13): the stock announcement's text or
// the custom text; nothing when the queue plays none.
func QueueAnnouncement(q Queue) []Message {
	text := q.Announcement.Text()
	if q.Announcement == AnnounceCustom {
		text = q.AnnouncementText
	}
	return nonEmpty([]Message{{Text: text}})
}

// AnnounceEvery is how often the queue's announcement repeats; 0 when the
// queue plays none.
func (q Queue) AnnounceEvery() time.Duration {
	if len(QueueAnnouncement(q)) == 0 || q.AnnouncementEverySeconds <= 0 {
		return 0
	}
	return time.Duration(q.AnnouncementEverySeconds) * time.Second
}
