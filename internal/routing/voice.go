package routing

import (
	"fmt"
	"net/url"
	"strings"
)

// voice checks the voice settings and messages of c.
func (v *validator) voice(c *Config) {
	vo := &c.Voice
	if vo.Format != FormatText && vo.Format != FormatAudioFile && vo.Format != FormatAudioURL {
		v.f.Add("voice.format", "must be text, audio_file or audio_url")
	}
	vo.Voice, vo.Language = strings.TrimSpace(vo.Voice), strings.TrimSpace(vo.Language)
	if vo.Voice != "" && !validVoice(vo.Voice) {
		v.f.Add("voice.voice", "must be man, woman, alice, Polly.<Name> (e.g. Polly.Joanna or Polly.Joanna-Neural) "+
			"or Google.<voice> (e.g. Google.en-US-Standard-C), or empty for the carrier's default")
	}
	if vo.Language != "" && !validLanguage(vo.Language) {
		v.f.Add("voice.language", "must be a language tag like en-US, fr-FR or cmn-CN, or empty for en-US")
	}
	ivr := c.Mode == ModeIVR
	v.message("voice.welcome", &vo.Welcome, vo.Format, false)
	v.message("voice.menu", &vo.Menu, vo.Format, ivr)
	v.message("voice.busy", &vo.Busy, vo.Format, true)
	v.message("voice.unavailable", &vo.Unavailable, vo.Format, true)
	if !v.publish || !ivr {
		return
	}
	if vo.Format == FormatText && vo.Menu.Text != "" && !hasMenuVars(vo.Menu.Text) {
		v.f.Add("voice.menu.text", "must contain "+KeyPressVar+" and "+MenuVar)
	}
	if vo.Format != FormatText && multiLevel(c.Menu) {
		v.f.Add("voice.format", "a multi-level menu supports only the text format")
	}
}

// message trims and checks message m at path; required asks, on publish,
// for the field that format f plays.
func (v *validator) message(path string, m *Message, f Format, required bool) {
	m.Text, m.AudioURL, m.AudioFileID = strings.TrimSpace(m.Text), strings.TrimSpace(m.AudioURL), strings.TrimSpace(m.AudioFileID)
	v.text(path+".text", m.Text, MaxMessageLen)
	if m.AudioURL != "" && !validURL(m.AudioURL) {
		v.f.Add(path+".audio_url", "must be an http or https URL")
	}
	if m.AudioFileID != "" && !validFileID(m.AudioFileID) {
		v.f.Add(path+".audio_file_id", fmt.Sprintf("must be an uploaded file id: at most %d letters, digits, '.', '_' or '-', starting with a letter or digit", MaxAudioFileIDLen))
	}
	if !v.publish || !required {
		return
	}
	switch {
	case f == FormatText && m.Text == "":
		v.f.Add(path+".text", "is required for the text format")
	case f == FormatAudioURL && m.AudioURL == "":
		v.f.Add(path+".audio_url", "is required for the audio_url format")
	case f == FormatAudioFile && m.AudioFileID == "":
		v.f.Add(path+".audio_file_id", "is required for the audio_file format")
	}
}

// multiLevel reports whether menu m opens a sub-menu (R-IN-3).
func multiLevel(m *Menu) bool {
	if m == nil {
		return false
	}
	for _, o := range m.Options {
		if o.Action == ActionSubmenu {
			return true
		}
	}
	return false
}

// validVoice reports whether s names a Twilio <Say> voice: man, woman,
// alice, Polly.<Name>[-Neural|-Generative|-LongForm] or Google.<locale>-...
// Whether the carrier has that exact voice is not checked here.
func validVoice(s string) bool {
	switch s {
	case "man", "woman", "alice":
		return true
	}
	if name, ok := strings.CutPrefix(s, "Polly."); ok {
		base, suffix, hasSuffix := strings.Cut(name, "-")
		if hasSuffix && suffix != "Neural" && suffix != "Generative" && suffix != "LongForm" {
			return false
		}
		return len(base) >= 2 && base[0] >= 'A' && base[0] <= 'Z' && letters(base)
	}
	if name, ok := strings.CutPrefix(s, "Google."); ok {
		parts := strings.Split(name, "-")
		if len(parts) < 3 || !validLanguage(parts[0]+"-"+parts[1]) {
			return false
		}
		for _, p := range parts[2:] {
			if p == "" || !alnum(p) {
				return false
			}
		}
		return true
	}
	return false
}

// validLanguage reports whether s is a language tag of the form Twilio's
// <Say> takes: a 2–3 letter lower-case language, optionally followed by a
// 2-letter upper-case region or a 3-digit area ("en-US", "arb", "es-419").
func validLanguage(s string) bool {
	lang, region, hasRegion := strings.Cut(s, "-")
	if len(lang) < 2 || len(lang) > 3 || !letters(lang) || strings.ToLower(lang) != lang {
		return false
	}
	if !hasRegion {
		return true
	}
	return len(region) == 2 && letters(region) && strings.ToUpper(region) == region ||
		len(region) == 3 && digits(region)
}

// letters reports whether s is all ASCII letters.
func letters(s string) bool {
	for i := range len(s) {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// alnum reports whether s is all ASCII letters and digits.
func alnum(s string) bool {
	for i := range len(s) {
		if !letters(s[i:i+1]) && !digits(s[i:i+1]) {
			return false
		}
	}
	return true
}

// validURL reports whether s is an absolute http or https URL the carrier
// can fetch.
func validURL(s string) bool {
	if len(s) > MaxURLLen || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}

// validFileID reports whether s can be the id of an uploaded audio file.
// Whether the file exists is for the caller to check.
func validFileID(s string) bool {
	if s == "" || len(s) > MaxAudioFileIDLen || !alnum(s[:1]) {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !alnum(s[i:i+1]) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// digits reports whether s is all ASCII digits.
func digits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
