package api

import (
	"net/http"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
)

// SearchHit is one type-ahead result: a record, with one of its numbers
// when it has any.
type SearchHit struct {
	RecordID int64  `json:"record_id"`
	Kind     string `json:"kind" enum:"lead,contact,account,deal"`
	Name     string `json:"name"`
	Company  string `json:"company"`
	Address  string `json:"address"`
	Phone    *Phone `json:"phone"`
}

// SearchResult lists hits.
type SearchResult struct {
	Items []SearchHit `json:"items"`
}

func hitsBody(hits []crm.SearchHit) SearchResult {
	out := SearchResult{Items: make([]SearchHit, len(hits))}
	for i, h := range hits {
		out.Items[i] = SearchHit{RecordID: int64(h.RecordID), Kind: string(h.Kind), Name: h.Name, Company: h.Company, Address: h.Address}
		if h.Phone != nil {
			p := phoneBody(*h.Phone)
			out.Items[i].Phone = &p
		}
	}
	return out
}

// Search is type-ahead over names, companies, addresses and phone numbers:
// ?q= ?limit= (R-CRM-4).
func (a *API) Search(w http.ResponseWriter, r *http.Request) error {
	limit, err := queryInt(r, "limit", 20, 1, 100)
	if err != nil {
		return err
	}
	q := r.URL.Query().Get("q")
	if len(q) > 100 {
		return badQuery("q", "must be at most 100 characters")
	}
	hits, err := a.Store.Search(r.Context(), userOf(r).OrgID, q, limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, hitsBody(hits))
}

// Lookup returns every record with a phone number: ?number= in any form,
// parsed with the org's default country (R-CRM-3).
func (a *API) Lookup(w http.ResponseWriter, r *http.Request) error {
	me := userOf(r)
	o, err := a.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	n, err := phone.Parse(r.URL.Query().Get("number"), o.Settings.DefaultCountry)
	if err != nil {
		return &problem.Error{Kind: problem.BadRequest, Message: "query parameter number " + err.Error(),
			Fields: map[string]string{"number": err.Error()}}
	}
	hits, err := a.Store.RecordsByPhone(r.Context(), me.OrgID, n.E164)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, hitsBody(hits))
}
