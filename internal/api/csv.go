package api

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/store"
)

// MaxImportBytes bounds a CSV upload.
const MaxImportBytes = 10 << 20

// importBatch is how many contacts one transaction stores.
const importBatch = 250

// ImportReport says what an import did: how many rows it read and stored,
// each refused row with its line number and reasons, and ignored columns.
type ImportReport struct {
	TotalRows      int          `json:"total_rows"`
	Imported       int          `json:"imported"`
	Refused        []RefusedRow `json:"refused"`
	IgnoredColumns []string     `json:"ignored_columns"`
}

// RefusedRow is a CSV row that was not imported.
type RefusedRow struct {
	Line    int               `json:"line"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

// ImportProgress is one line of a streamed import (Accept:
// application/x-ndjson): progress lines, then one line with the report.
type ImportProgress struct {
	Done   int           `json:"done"`
	Total  int           `json:"total"`
	Report *ImportReport `json:"report,omitempty"`
}

// ImportContacts imports contacts from a CSV body (R-CRM-7). Bad rows are
// refused one by one; good rows are stored. With Accept:
// application/x-ndjson the response streams progress as rows are stored.
func (a *API) ImportContacts(w http.ResponseWriter, r *http.Request) error {
	me := userOf(r)
	o, err := a.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	body := http.MaxBytesReader(w, r.Body, MaxImportBytes)
	rows, ignored, err := crm.ParseContactsCSV(body, o.Settings)
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return problem.New(problem.TooLarge, "CSV file is larger than 10 MiB; split it")
	}
	if err != nil {
		return err
	}
	report := ImportReport{TotalRows: len(rows), Refused: []RefusedRow{}, IgnoredColumns: ignored}
	if report.IgnoredColumns == nil {
		report.IgnoredColumns = []string{}
	}
	var good []crm.Record
	for _, row := range rows {
		if row.Err != nil {
			report.Refused = append(report.Refused, RefusedRow{Line: row.Line, Message: row.Err.Message, Fields: row.Err.Fields})
			continue
		}
		row.Record.OwnerID = me.ID
		good = append(good, row.Record)
	}
	stream := strings.Contains(r.Header.Get("Accept"), "application/x-ndjson")
	var progress func(done int)
	if stream {
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.Header().Set("Cache-Control", "no-store")
		enc := json.NewEncoder(w)
		flusher, _ := w.(http.Flusher)
		progress = func(done int) {
			enc.Encode(ImportProgress{Done: done, Total: len(good)})
			if flusher != nil {
				flusher.Flush()
			}
		}
		progress(0)
	}
	for i := 0; i < len(good); i += importBatch {
		batch := good[i:min(i+importBatch, len(good))]
		if err := a.Store.CreateRecords(r.Context(), me.OrgID, batch); err != nil {
			return err
		}
		report.Imported += len(batch)
		if progress != nil {
			progress(report.Imported)
		}
	}
	if report.Imported >= store.BulkImport {
		if err := a.Store.OptimizeSearch(r.Context()); err != nil {
			a.Log.ErrorContext(r.Context(), "optimising the search index after an import", "err", err)
		}
	}
	if stream {
		return json.NewEncoder(w).Encode(ImportProgress{Done: report.Imported, Total: len(good), Report: &report})
	}
	return writeJSON(w, http.StatusOK, report)
}

// ExportContacts writes every contact as CSV, in name order.
func (a *API) ExportContacts(w http.ResponseWriter, r *http.Request) error {
	me := userOf(r)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="contacts.csv"`)
	cw := csv.NewWriter(w)
	cw.Write(crm.CSVColumns)
	f := crm.RecordFilter{Kind: crm.Contact, Limit: 500}
	for {
		list, next, err := a.Store.Records(r.Context(), me.OrgID, f)
		if err != nil {
			return err
		}
		for _, rec := range list {
			cw.Write(safeCSVRow(crm.CSVRow(rec))) // formulas defused (decision 0024)
		}
		cw.Flush()
		if next == "" {
			return cw.Error()
		}
		f.Cursor = next
	}
}
