package crm

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
)

// CSVColumns are the contact CSV's columns, in export order. Import accepts
// them in any order, case-insensitive, with spaces for underscores; the
// phone columns are named by label.
var CSVColumns = []string{"first_name", "last_name", "company", "title", "email",
	"street", "city", "region", "postal_code", "country", "mobile", "work", "home", "other"}

// MaxImportRows bounds one import.
const MaxImportRows = 50000

// ImportRow is one data row of an import: a valid contact, or the reason it
// was refused. Line is the row's line number in the file (the header is 1).
type ImportRow struct {
	Line   int
	Record Record
	Err    *problem.Error
}

// ParseContactsCSV reads a contact CSV. A bad row is reported in its
// ImportRow and never stops the others; only an unreadable file or header
// is an error. Unknown columns are returned as ignored.
func ParseContactsCSV(r io.Reader, s org.Settings) (rows []ImportRow, ignored []string, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, nil, problem.Field("file", "must be a CSV file with a header row (first_name, last_name, …)")
	}
	index, ignored := columns(header)
	if _, ok := index["first_name"]; !ok {
		if _, ok := index["last_name"]; !ok {
			return nil, ignored, problem.Field("file", "the header must have a first_name or last_name column")
		}
	}
	for line := 2; ; line++ {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, ignored, nil
		}
		if len(rows) >= MaxImportRows {
			return nil, ignored, problem.Field("file", fmt.Sprintf("has more than %d rows; split it", MaxImportRows))
		}
		rows = append(rows, parseRow(line, fields, err, index, s))
	}
}

func columns(header []string) (map[string]int, []string) {
	index := map[string]int{}
	var ignored []string
	for i, h := range header {
		name := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))), " ", "_")
		if slices.Contains(CSVColumns, name) {
			index[name] = i
		} else if name != "" {
			ignored = append(ignored, h)
		}
	}
	return index, ignored
}

func parseRow(line int, fields []string, readErr error, index map[string]int, s org.Settings) ImportRow {
	if readErr != nil {
		var pe *csv.ParseError
		msg := readErr.Error()
		if errors.As(readErr, &pe) {
			msg = pe.Err.Error()
		}
		return ImportRow{Line: line, Err: problem.Field("row", "is not valid CSV: "+msg)}
	}
	get := func(col string) *string {
		i, ok := index[col]
		if !ok || i >= len(fields) {
			return nil
		}
		v := fields[i]
		return &v
	}
	in := RecordInput{FirstName: get("first_name"), LastName: get("last_name"), Company: get("company"),
		Title: get("title"), Email: get("email"), Street: get("street"), City: get("city"), Region: get("region"),
		PostalCode: get("postal_code"), Country: get("country")}
	var phones []PhoneInput
	for _, label := range []string{"mobile", "work", "home", "other"} {
		if v := get(label); v != nil && strings.TrimSpace(*v) != "" {
			phones = append(phones, PhoneInput{Label: label, Number: *v})
		}
	}
	in.Phones = &phones
	rec := Record{Kind: Contact}
	if err := in.Apply(&rec, s); err != nil {
		p := err.(*problem.Error)
		return ImportRow{Line: line, Err: renamePhoneFields(p, phones)}
	}
	return ImportRow{Line: line, Record: rec}
}

// renamePhoneFields reports phones[i].number as the CSV column it came from.
func renamePhoneFields(p *problem.Error, phones []PhoneInput) *problem.Error {
	f := problem.Fields{}
	for k, v := range p.Fields {
		for i, ph := range phones {
			if k == fmt.Sprintf("phones[%d].number", i) {
				k = ph.Label
			}
		}
		f[k] = v
	}
	return f.Err().(*problem.Error)
}

// CSVRow returns a contact's export row, in CSVColumns order, with the
// first number of each label in E.164.
func CSVRow(r Record) []string {
	a := r.Address
	row := []string{r.FirstName, r.LastName, r.Company, r.Title, r.Email, a.Street, a.City, a.Region, a.PostalCode, a.Country}
	for _, label := range []phone.Label{phone.Mobile, phone.Work, phone.Home, phone.Other} {
		v := ""
		for _, p := range r.Phones {
			if p.Label == label {
				v = p.E164
				break
			}
		}
		row = append(row, v)
	}
	return row
}
