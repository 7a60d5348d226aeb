package sandbox

import (
	"encoding/json"
	"net/http"
)

func (e *env) getJSON(path string, v any) int {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.srv.URL+"/sandbox/2010-04-01/Accounts/"+e.acct.SID+path, nil)
	req.SetBasicAuth(e.acct.SID, e.acct.AuthToken)
	return e.doJSON(req, v)
}

func (e *env) doJSON(req *http.Request, v any) int {
	e.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			e.t.Fatalf("decode %s: %v", req.URL, err)
		}
	}
	return resp.StatusCode
}
