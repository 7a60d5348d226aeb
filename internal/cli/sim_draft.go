package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// The draft mode of switchboard sim is the IVR test console from the
// command line: it runs a number's saved, unpublished routing draft through
// the server's REST API (POST /api/v1/numbers/{id}/routing/test), on a
// private sandbox, so nobody rings and nothing is logged.

// draftAgentStatus maps an --agent behaviour to the console's status and
// answer.
var draftAgentStatus = map[string][2]string{
	"answer": {"online", "answer"}, "reject": {"online", "reject"}, "ignore": {"online", "ignore"},
	"busy": {"busy", "answer"}, "offline": {"offline", "answer"},
}

// runSimDraft tests the saved draft of the number --to.
func runSimDraft(ctx context.Context, f simFlags, env Env) error {
	api := &simAPI{base: strings.TrimSuffix(f.server, "/"), token: f.token}
	numberID, err := api.numberID(ctx, f.to)
	if err != nil {
		return err
	}
	req, err := api.draftRequest(ctx, f)
	if err != nil {
		return err
	}
	var res struct {
		Text string `json:"text"`
	}
	var raw json.RawMessage
	if err := api.do(ctx, http.MethodPost, fmt.Sprintf("/api/v1/numbers/%d/routing/test", numberID), req, &raw); err != nil {
		return fmt.Errorf("testing the draft: %w", err)
	}
	if f.json {
		var buf bytes.Buffer
		json.Indent(&buf, raw, "", "  ")
		buf.WriteByte('\n')
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
	json.Unmarshal(raw, &res)
	_, err = io.WriteString(env.Stdout, res.Text)
	return err
}

// draftRequest builds the console request; --agent names users by e-mail.
func (a *simAPI) draftRequest(ctx context.Context, f simFlags) (map[string]any, error) {
	var keys []string
	for _, k := range strings.Split(f.digits, ",") {
		if k = strings.TrimSpace(k); k != "" {
			if strings.Contains(k, "@") {
				return nil, fmt.Errorf("%w: --digits: with --draft, keys are pressed at each menu in turn (no @TIME)", errUsage)
			}
			keys = append(keys, k)
		}
	}
	var users struct {
		Items []struct {
			ID    int64  `json:"id"`
			Email string `json:"email"`
		} `json:"items"`
	}
	if err := a.do(ctx, http.MethodGet, "/api/v1/users", nil, &users); err != nil {
		return nil, fmt.Errorf("listing users: %w", err)
	}
	ids := map[string]int64{}
	for _, u := range users.Items {
		ids[strings.ToLower(u.Email)] = u.ID
	}
	var agents []map[string]any
	for _, email := range f.agents.addrs {
		b := f.agents.specs[email]
		id, ok := ids[strings.ToLower(email)]
		st, known := draftAgentStatus[b]
		if !ok || !known {
			return nil, fmt.Errorf("%w: --agent %s=%s: with --draft, use EMAIL=answer|reject|ignore|busy|offline for a user of the org", errUsage, email, b)
		}
		agents = append(agents, map[string]any{"user_id": id, "status": st[0], "answer": st[1]})
	}
	from := f.from
	if from == "anonymous" {
		from = ""
	}
	return map[string]any{"from": from, "at": f.at, "keys": keys, "agents": agents,
		"hangup_after_seconds": int(time.Duration(f.hangup).Seconds())}, nil
}

// numberID finds the linked number with this E.164.
func (a *simAPI) numberID(ctx context.Context, e164 string) (int64, error) {
	var list struct {
		Items []struct {
			ID   int64  `json:"id"`
			E164 string `json:"e164"`
		} `json:"items"`
	}
	if err := a.do(ctx, http.MethodGet, "/api/v1/numbers", nil, &list); err != nil {
		return 0, fmt.Errorf("listing numbers: %w", err)
	}
	for _, n := range list.Items {
		if n.E164 == e164 {
			return n.ID, nil
		}
	}
	return 0, fmt.Errorf("%s is not one of the org's linked numbers", e164)
}

// simAPI calls the server's REST API with an API token.
type simAPI struct{ base, token string }

func (a *simAPI) do(ctx context.Context, method, path string, body, out any) error {
	return jsonDo(ctx, method, a.base+path, a.token, body, out, func(status int, raw []byte) error {
		var e struct {
			Error struct {
				Message string            `json:"message"`
				Fields  map[string]string `json:"fields"`
			} `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && e.Error.Message != "" {
			return fmt.Errorf("%s %v", e.Error.Message, e.Error.Fields)
		}
		return fmt.Errorf("%s %s: HTTP %d", method, path, status)
	})
}
