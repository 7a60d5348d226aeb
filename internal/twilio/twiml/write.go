package twiml

import (
	"strconv"
	"unicode/utf8"
)

// writer appends XML to buf. Each verb's and noun's appendXML lists its
// attributes in struct-field order, so the output is byte for byte what
// encoding/xml wrote from the struct tags (oracle_test.go checks it)
// without a fresh encoder and its 4 KB buffer per document. appendXML
// takes and returns the []byte rather than a *writer: a pointer passed
// through the Verb interface would escape, one more allocation per call.
type writer struct {
	buf []byte
}

// start writes <name; its attributes follow, then open, empty or
// textElement: encoding/xml never self-closes, so every element is closed
// with an end tag.
func (w *writer) start(name string) {
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...)
}

// open ends the start tag; content or child elements follow.
func (w *writer) open() { w.buf = append(w.buf, '>') }

// end writes </name>.
func (w *writer) end(name string) {
	w.buf = append(w.buf, "</"...)
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
}

// empty closes an element with no content, as <Hangup></Hangup>.
func (w *writer) empty(name string) {
	w.open()
	w.end(name)
}

// textElement writes the content s and the end tag.
func (w *writer) textElement(name, s string) {
	w.open()
	w.text(s)
	w.end(name)
}

// text writes character data.
func (w *writer) text(s string) { w.buf = appendEscaped(w.buf, s) }

// attr writes name="value", omitted when value is empty (omitempty).
func (w *writer) attr(name, value string) {
	if value != "" {
		w.attrAlways(name, value)
	}
}

// attrAlways writes name="value" even when value is empty.
func (w *writer) attrAlways(name, value string) {
	w.attrName(name)
	w.buf = appendEscaped(w.buf, value)
	w.buf = append(w.buf, '"')
}

// strPtrAttr writes an attribute whose empty value means something:
// omitted when nil, name="" for String("").
func (w *writer) strPtrAttr(name string, value *string) {
	if value != nil {
		w.attrAlways(name, *value)
	}
}

// intAttr writes a numeric attribute; omitted when nil, written for Int(0).
func (w *writer) intAttr(name string, value *int) {
	if value != nil {
		w.attrName(name)
		w.buf = strconv.AppendInt(w.buf, int64(*value), 10)
		w.buf = append(w.buf, '"')
	}
}

// boolAttr writes true or false; omitted when nil, written for Bool(false).
func (w *writer) boolAttr(name string, value *bool) {
	if value != nil {
		w.attrName(name)
		w.buf = strconv.AppendBool(w.buf, *value)
		w.buf = append(w.buf, '"')
	}
}

// events writes the values separated by spaces; omitted when there are
// none, but Events{""} is written as name="" (encoding/xml's omitempty
// looks at the slice's length, not the joined value).
func (w *writer) events(name string, e Events) {
	if len(e) == 0 {
		return
	}
	w.attrName(name)
	for i, s := range e {
		if i > 0 {
			w.buf = append(w.buf, ' ')
		}
		// Escaping each value alone equals escaping the joined string:
		// the space is ASCII, so no UTF-8 sequence spans two values.
		w.buf = appendEscaped(w.buf, s)
	}
	w.buf = append(w.buf, '"')
}

func (w *writer) attrName(name string) {
	w.buf = append(w.buf, ' ')
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, `="`...)
}

// appendEscaped appends s escaped exactly as encoding/xml escapes both
// character data and attribute values ((*printer).EscapeString and
// EscapeText), so the output stays byte-identical to what it replaced.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plainASCII(c) { // most of a document: skip the rune checks
			i++
			continue
		}
		r, width := rune(c), 1
		if c >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
		}
		i += width
		esc := escape(r, width)
		if esc == "" {
			continue
		}
		b = append(b, s[last:i-width]...)
		b = append(b, esc...)
		last = i
	}
	return append(b, s[last:]...)
}

// plainASCII reports whether the byte c is an ASCII character written as
// it is.
func plainASCII(c byte) bool {
	return c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>'
}

// escape returns what encoding/xml writes for the rune r of width bytes,
// or "" when r is written as it is. Runes XML cannot carry and invalid
// UTF-8 (RuneError of width 1) become U+FFFD; a real U+FFFD is kept.
func escape(r rune, width int) string {
	switch r {
	case '"':
		return "&#34;"
	case '\'':
		return "&#39;"
	case '&':
		return "&amp;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	case '\t':
		return "&#x9;"
	case '\n':
		return "&#xA;"
	case '\r':
		return "&#xD;"
	}
	if !inCharacterRange(r) || (r == utf8.RuneError && width == 1) {
		return "\uFFFD"
	}
	return ""
}

// inCharacterRange is XML 1.0's Char production, as encoding/xml checks it.
func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
