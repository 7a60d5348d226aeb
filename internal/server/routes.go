package server

import (
	"net/http"

	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/web"
)

var (
	pageParams = []api.Param{
		{Name: "limit", Description: "page size (1–200, default 50)", Integer: true},
		{Name: "cursor", Description: "next_cursor of the previous page"},
	}
	recordParams = append([]api.Param{
		{Name: "prefix", Description: "name starts with (case-insensitive)"},
		{Name: "owner_id", Description: "owner's user id", Integer: true},
		{Name: "status", Description: "lead status", Enum: crm.LeadStatuses},
		{Name: "stage", Description: "deal stage", Enum: crm.DealStages},
		{Name: "account_id", Description: "linked account", Integer: true},
	}, pageParams...)
	callLogParams = append([]api.Param{
		{Name: "from", Description: "started at or after: a date (2026-11-21) or an RFC 3339 time"},
		{Name: "to", Description: "started before: a date or an RFC 3339 time"},
		{Name: "agent", Description: "a user rung for or answering the call", Integer: true},
		{Name: "direction", Enum: []string{"inbound", "outbound"}},
		{Name: "status", Enum: []string{"ringing", "queued", "in-progress", "completed"}},
		{Name: "outcome", Description: "answered, missed, voicemail, busy, abandoned, forwarded or failed"},
		{Name: "number", Description: "the from or to number, E.164"},
		{Name: "summary_outcome", Description: "summarised with this outcome (GET /api/v1/org/outcomes)"},
		{Name: "needs_outcome", Description: "true: answered, ended and waiting for its summary", Enum: []string{"true", "false"}},
	}, pageParams...)
	taskParams = append([]api.Param{
		{Name: "assignee", Description: "\"me\" or a user id"},
		{Name: "record_id", Description: "linked record", Integer: true},
		{Name: "done", Enum: []string{"true", "false"}},
		{Name: "due", Description: "relative to today in the org's time zone", Enum: []string{"today", "overdue", "upcoming"}},
	}, pageParams...)
)

// apiRoutes is the whole REST API. The OpenAPI document is built from this
// table, and a test checks the two agree.
func apiRoutes(a *api.API) []api.Route {
	rs := []api.Route{
		{Method: "POST", Path: "/api/v1/session", Access: api.Public, Handler: a.SignIn, Tag: "session", Summary: "Sign in with e-mail and password",
			Request: api.SignInRequest{}, Response: api.SessionResponse{}, Status: http.StatusCreated},
		{Method: "GET", Path: "/api/v1/session", Access: api.Member, Handler: a.CurrentSession, Tag: "session", Summary: "The signed-in user, org and CSRF token",
			Response: api.SessionResponse{}},
		{Method: "DELETE", Path: "/api/v1/session", Access: api.Member, Handler: a.SignOut, Tag: "session", Summary: "Sign out", Status: http.StatusNoContent},
		{Method: "GET", Path: "/api/v1/tokens", Access: api.Member, Handler: a.ListAPITokens, Tag: "session", Summary: "List my API tokens", Response: api.APITokenList{}},
		{Method: "POST", Path: "/api/v1/tokens", Access: api.Member, Handler: a.CreateAPIToken, Tag: "session", Summary: "Create an API token (shown once)",
			Request: api.APITokenRequest{}, Response: api.APITokenBody{}, Status: http.StatusCreated},
		{Method: "DELETE", Path: "/api/v1/tokens/{id}", Access: api.Member, Handler: a.DeleteAPIToken, Tag: "session", Summary: "Revoke an API token", Status: http.StatusNoContent},

		{Method: "GET", Path: "/api/v1/org", Access: api.Member, Handler: a.GetOrg, Tag: "org", Summary: "The org and its settings", Response: api.OrgBody{}},
		{Method: "PATCH", Path: "/api/v1/org", Access: api.Admin, Handler: a.UpdateOrg, Tag: "org", Summary: "Change org settings",
			Request: api.OrgRequest{}, Response: api.OrgBody{}},
		{Method: "GET", Path: "/api/v1/users", Access: api.Admin, Handler: a.ListUsers, Tag: "users", Summary: "List users", Response: api.UserList{}},
		{Method: "GET", Path: "/api/v1/members", Access: api.Member, Handler: a.ListMembers, Tag: "users",
			Summary: "My colleagues' names, for any member (assignees, agents on the call log)", Response: api.ColleagueList{}},
		{Method: "POST", Path: "/api/v1/users", Access: api.Admin, Handler: a.CreateUser, Tag: "users", Summary: "Create a user",
			Request: api.UserRequest{}, Response: api.User{}, Status: http.StatusCreated},
		{Method: "GET", Path: "/api/v1/users/{id}", Access: api.Admin, Handler: a.GetUser, Tag: "users", Summary: "Get a user", Response: api.User{}},
		{Method: "PATCH", Path: "/api/v1/users/{id}", Access: api.Admin, Handler: a.UpdateUser, Tag: "users", Summary: "Change a user",
			Request: api.UserRequest{}, Response: api.User{}},

		{Method: "GET", Path: "/api/v1/search", Access: api.Member, Handler: a.Search, Tag: "search", Summary: "Search as you type (one hit per phone number)",
			Response: api.SearchResult{}, Query: []api.Param{{Name: "q", Description: "text or digits"}, {Name: "limit", Integer: true}}},
		{Method: "GET", Path: "/api/v1/lookup", Access: api.Member, Handler: a.Lookup, Tag: "search", Summary: "Records with a phone number",
			Response: api.SearchResult{}, Query: []api.Param{{Name: "number", Description: "phone number in any format"}}},

		{Method: "POST", Path: "/api/v1/contacts/import", Access: api.Member, Handler: a.ImportContacts, Tag: "contacts",
			Summary: "Import contacts from CSV (Accept: application/x-ndjson streams progress)", Consumes: "text/csv",
			Response: api.ImportReport{}, Produces: "application/x-ndjson"},
		{Method: "GET", Path: "/api/v1/contacts/export", Access: api.Member, Handler: a.ExportContacts, Tag: "contacts",
			Summary: "Export contacts as CSV", Produces: "text/csv"},

		{Method: "POST", Path: "/api/v1/notes", Access: api.Member, Handler: a.CreateNote, Tag: "activity", Summary: "Add a note to a record",
			Request: api.NoteRequest{}, Response: api.Note{}, Status: http.StatusCreated},
		{Method: "DELETE", Path: "/api/v1/notes/{id}", Access: api.Member, Handler: a.DeleteNote, Tag: "activity", Summary: "Delete a note", Status: http.StatusNoContent},
		{Method: "GET", Path: "/api/v1/records/{id}/timeline", Access: api.Member, Handler: a.GetTimeline, Tag: "activity",
			Summary: "A record's activity, newest first", Response: api.Timeline{}, Query: pageParams},
		{Method: "GET", Path: "/api/v1/tasks", Access: api.Member, Handler: a.ListTasks, Tag: "tasks", Summary: "List tasks by due date",
			Response: api.TaskList{}, Query: taskParams},
		{Method: "POST", Path: "/api/v1/tasks", Access: api.Member, Handler: a.CreateTask, Tag: "tasks", Summary: "Create a task",
			Request: api.TaskRequest{}, Response: api.Task{}, Status: http.StatusCreated},
		{Method: "GET", Path: "/api/v1/tasks/{id}", Access: api.Member, Handler: a.GetTask, Tag: "tasks", Summary: "Get a task", Response: api.Task{}},
		{Method: "PATCH", Path: "/api/v1/tasks/{id}", Access: api.Member, Handler: a.UpdateTask, Tag: "tasks", Summary: "Change a task",
			Request: api.TaskRequest{}, Response: api.Task{}},
		{Method: "DELETE", Path: "/api/v1/tasks/{id}", Access: api.Member, Handler: a.DeleteTask, Tag: "tasks", Summary: "Delete a task", Status: http.StatusNoContent},
	}
	rs = append(rs, telephonyRoutes(a)...)
	rs = append(rs, audioRoutes(a)...)
	rs = append(rs, softphoneRoutes(a)...)
	for _, k := range crm.Kinds {
		rs = append(rs, recordRoutes(a.RecordsOf(k), "/api/v1/"+string(k)+"s")...)
	}
	return rs
}

func telephonyRoutes(a *api.API) []api.Route {
	const p = "/api/v1/providers"
	return []api.Route{
		{Method: "GET", Path: p, Access: api.Admin, Handler: a.ListProviders, Tag: "providers", Summary: "List providers with users and health",
			Response: api.ProviderList{}},
		{Method: "POST", Path: p, Access: api.Admin, Handler: a.ConnectProvider, Tag: "providers",
			Summary: "Connect a provider (credentials verified at the carrier first)", Request: api.ProviderRequest{}, Response: api.ProviderBody{}, Status: http.StatusCreated},
		{Method: "GET", Path: p + "/{id}", Access: api.Admin, Handler: a.GetProvider, Tag: "providers", Summary: "Get a provider", Response: api.ProviderBody{}},
		{Method: "DELETE", Path: p + "/{id}", Access: api.Admin, Handler: a.UninstallProvider, Tag: "providers",
			Summary: "Uninstall a provider (numbers stop routing; history stays)", Status: http.StatusNoContent},
		{Method: "POST", Path: p + "/{id}/test", Access: api.Admin, Handler: a.TestProvider, Tag: "providers",
			Summary: "Check the credentials at the carrier now", Response: api.ProviderBody{}},
		{Method: "POST", Path: p + "/{id}/users", Access: api.Admin, Handler: a.AddProviderUsers, Tag: "providers",
			Summary: "Add users (a user belongs to one provider)", Request: api.UserIDsRequest{}, Response: api.ProviderBody{}},
		{Method: "DELETE", Path: p + "/{id}/users/{user_id}", Access: api.Admin, Handler: a.RemoveProviderUser, Tag: "providers",
			Summary: "Remove a user from a provider", Status: http.StatusNoContent},
		{Method: "GET", Path: p + "/{id}/carrier-numbers", Access: api.Admin, Handler: a.CarrierNumbers, Tag: "numbers",
			Summary: "Numbers in the carrier account", Response: api.CarrierNumberList{}},
		{Method: "GET", Path: p + "/{id}/available-numbers", Access: api.Admin, Handler: a.AvailableNumbers, Tag: "numbers",
			Summary: "Search numbers to buy", Response: api.AvailableNumberList{}, Query: []api.Param{
				{Name: "country", Description: "ISO country code, e.g. US"}, {Name: "type", Enum: []string{"Local", "Mobile", "TollFree"}},
				{Name: "area_code", Integer: true}, {Name: "contains", Description: "digits or letters; * is any digit"},
				{Name: "voice", Enum: []string{"true", "false"}}, {Name: "sms", Enum: []string{"true", "false"}}}},
		{Method: "POST", Path: p + "/{id}/numbers", Access: api.Admin, Handler: a.AddNumber, Tag: "numbers",
			Summary: "Buy (phone_number) or link (sid) a number", Request: api.AddNumberRequest{}, Response: api.NumberBody{}, Status: http.StatusCreated},
		{Method: "GET", Path: "/api/v1/numbers", Access: api.Admin, Handler: a.ListNumbers, Tag: "numbers", Summary: "Linked numbers", Response: api.NumberList{}},
		{Method: "GET", Path: "/api/v1/numbers/{id}", Access: api.Admin, Handler: a.GetNumber, Tag: "numbers", Summary: "Get a number", Response: api.NumberBody{}},
		{Method: "PATCH", Path: "/api/v1/numbers/{id}", Access: api.Admin, Handler: a.UpdateNumber, Tag: "numbers",
			Summary: "Set the number's outgoing-calls and recording switches", Request: api.NumberRequest{}, Response: api.NumberBody{}},
		{Method: "DELETE", Path: "/api/v1/numbers/{id}", Access: api.Admin, Handler: a.UnlinkNumber, Tag: "numbers",
			Summary: "Unlink (previous webhooks restored at the carrier)", Status: http.StatusNoContent},
		{Method: "PUT", Path: "/api/v1/numbers/{id}/operators", Access: api.Admin, Handler: a.SetOperators, Tag: "numbers",
			Summary: "Replace the number's operators", Request: api.OperatorsRequest{}, Response: api.NumberBody{}},
		{Method: "GET", Path: "/api/v1/numbers/{id}/routing", Access: api.Admin, Handler: a.GetRouting, Tag: "routing",
			Summary: "The number's routing draft, its publish problems and the live version", Response: api.RoutingBody{}},
		{Method: "PUT", Path: "/api/v1/numbers/{id}/routing", Access: api.Admin, Handler: a.SaveRoutingDraft, Tag: "routing",
			Summary: "Save the routing draft", Request: routing.Config{}, Response: api.RoutingBody{}},
		{Method: "POST", Path: "/api/v1/numbers/{id}/routing/publish", Access: api.Admin, Handler: a.PublishRouting, Tag: "routing",
			Summary: "Publish the draft as the next version", Response: api.VersionBody{}, Status: http.StatusCreated},
		{Method: "POST", Path: "/api/v1/numbers/{id}/routing/test", Access: api.Admin, Handler: a.TestRouting, Tag: "routing",
			Summary: "Run the saved draft in the IVR test console (a private sandbox: nobody rings, nothing is logged)",
			Request: api.RoutingTestRequest{}, Response: api.RoutingTestResult{}},
		{Method: "GET", Path: "/api/v1/numbers/{id}/routing/versions", Access: api.Admin, Handler: a.ListRoutingVersions, Tag: "routing",
			Summary: "Published versions, newest first", Response: api.VersionList{}},
		{Method: "GET", Path: "/api/v1/numbers/{id}/routing/versions/{version}", Access: api.Admin, Handler: a.GetRoutingVersion, Tag: "routing",
			Summary: "A version with its changes since the one before", Response: api.VersionBody{}},
		{Method: "POST", Path: "/api/v1/numbers/{id}/routing/versions/{version}/restore", Access: api.Admin, Handler: a.RestoreRoutingVersion, Tag: "routing",
			Summary: "Publish an earlier version again as a new version", Response: api.VersionBody{}, Status: http.StatusCreated},
		{Method: "GET", Path: "/api/v1/calls", Access: api.Member, Handler: a.ListCalls, Tag: "calls",
			Summary: "The call log, newest first", Response: api.CallList{}, Query: callLogParams},
		{Method: "GET", Path: "/api/v1/calls/export", Access: api.Member, Handler: a.ExportCalls, Tag: "calls",
			Summary: "The call log as CSV (the same filters), newest first", Produces: "text/csv", Query: callLogParams[:len(callLogParams)-len(pageParams)]},
		{Method: "POST", Path: "/api/v1/calls", Access: api.Member, Handler: a.PlaceCall, Tag: "calls",
			Summary: "Call a number from my caller ID, in the browser or calling my phone first (docs/outbound.md)",
			Request: api.PlaceCallRequest{}, Response: api.PlacedCallBody{}, Status: http.StatusCreated},
		{Method: "GET", Path: "/api/v1/calls/missed", Access: api.Member, Handler: a.ListMissed, Tag: "calls",
			Summary: "The calls I missed, newest first, and how many I have not seen", Response: api.MissedList{},
			Query: []api.Param{{Name: "limit", Description: "page size, 1-200 (default 50)", Integer: true},
				{Name: "before", Description: "the next of the previous page: calls older than this call id", Integer: true}}},
		{Method: "POST", Path: "/api/v1/calls/missed/seen", Access: api.Member, Handler: a.SeeMissed, Tag: "calls",
			Summary: "I have seen my missed calls: the badge resets", Status: http.StatusNoContent},
		{Method: "GET", Path: "/api/v1/calls/{id}", Access: api.Member, Handler: a.GetCall, Tag: "calls",
			Summary: "A call with every agent leg rung", Response: api.CallBody{}},
		{Method: "GET", Path: "/api/v1/calls/{id}/recording", Access: api.Member, Handler: a.GetRecording, Tag: "calls",
			Summary: "The call's recording, streamed from the carrier (Range supported); 410 once deleted", Produces: "audio/mpeg"},
		{Method: "DELETE", Path: "/api/v1/calls/{id}/recording", Access: api.Member, Handler: a.DeleteRecording, Tag: "calls",
			Summary:  "Delete the call's recording at the carrier, leaving a tombstone (the agent who answered, or an admin)",
			Response: api.CallBody{}},
		{Method: "GET", Path: "/api/v1/calls/{id}/summary", Access: api.Member, Handler: a.GetSummary, Tag: "calls",
			Summary: "The call's after-call summary, saved or not, with the record's open deals", Response: api.SummaryBody{}},
		{Method: "PUT", Path: "/api/v1/calls/{id}/summary", Access: api.Member, Handler: a.SaveSummary, Tag: "calls",
			Summary: "Save the call's summary once it has ended (an agent on the call or an admin); replaces the one saved before",
			Request: api.SummaryRequest{}, Response: api.SummaryBody{}},
		{Method: "GET", Path: "/api/v1/org/outcomes", Access: api.Member, Handler: a.GetOutcomes, Tag: "org",
			Summary: "The org's after-call summary outcomes", Response: api.OutcomesBody{}},
		{Method: "PUT", Path: "/api/v1/org/outcomes", Access: api.Admin, Handler: a.SetOutcomes, Tag: "org",
			Summary: "Replace the org's summary outcomes (1–30, each 1–60 characters, no repeats)", Request: api.OutcomesBody{}, Response: api.OutcomesBody{}},
		{Method: "GET", Path: "/api/v1/presence", Access: api.Member, Handler: a.ListPresence, Tag: "presence",
			Summary: "Who is online, offline and busy", Response: api.PresenceList{}},
		{Method: "PUT", Path: "/api/v1/presence/me", Access: api.Member, Handler: a.SetMyStatus, Tag: "presence",
			Summary: "Set my status (online or offline)", Request: api.StatusRequest{}, Response: api.PresenceBody{}},
		{Method: "POST", Path: "/api/v1/presence/heartbeat", Access: api.Member, Handler: a.Heartbeat, Tag: "presence",
			Summary: "My app is open: keeps me reachable while online (beat every interval_seconds)", Response: api.HeartbeatBody{}},
		{Method: "GET", Path: "/api/v1/events", Access: api.Member, Handler: a.Events, Tag: "events",
			Summary: "My real-time events as server-sent events (docs/events.md)", Produces: "text/event-stream",
			Query: []api.Param{{Name: "last_event_id", Description: "resume after this event id, as the Last-Event-ID header does"}}},
		{Method: "GET", Path: "/api/v1/caller-ids", Access: api.Admin, Handler: a.ListCallerIDs, Tag: "numbers",
			Summary: "Every user's caller-ID number", Response: api.CallerIDList{}},
		{Method: "PUT", Path: "/api/v1/users/{id}/caller-id", Access: api.Admin, Handler: a.SetCallerID, Tag: "numbers",
			Summary: "Map a user to their caller-ID number (null clears)", Request: api.CallerIDRequest{}, Response: api.CallerIDBody{}},
	}
}

// audioRoutes are the uploaded audio files routing messages play (R-IN-10,
// decision 0014). The carrier fetches them at signed URLs outside the API.
func audioRoutes(a *api.API) []api.Route {
	id := []string{"id"}
	return []api.Route{
		{Method: "GET", Path: "/api/v1/audio", Access: api.Admin, Handler: a.ListAudio, Tag: "audio",
			Summary: "Uploaded audio files, newest first", Response: api.AudioFileList{}},
		{Method: "POST", Path: "/api/v1/audio", Access: api.Admin, Handler: a.UploadAudio, Tag: "audio",
			Summary:  "Upload an audio file: the body is the file, Content-Type audio/mpeg, audio/wav or audio/x-wav, at most 5 MiB",
			Consumes: "audio/*", Query: []api.Param{{Name: "name", Description: "the file's name (required)"}},
			Response: api.AudioFileBody{}, Status: http.StatusCreated},
		{Method: "GET", Path: "/api/v1/audio/{id}", Access: api.Admin, Handler: a.GetAudio, Tag: "audio",
			Summary: "The file itself, to preview", Produces: "audio/*", StringPath: id},
		{Method: "DELETE", Path: "/api/v1/audio/{id}", Access: api.Admin, Handler: a.DeleteAudio, Tag: "audio",
			Summary: "Delete an audio file (refused while a number's live routing or draft plays it)", Status: http.StatusNoContent, StringPath: id},
	}
}

// softphoneRoutes are the browser softphone's device and the agent's
// in-call controls (docs/softphone.md, decision 0018).
func softphoneRoutes(a *api.API) []api.Route {
	return []api.Route{
		{Method: "GET", Path: "/api/v1/softphone", Access: api.Member, Handler: a.GetSoftphone, Tag: "softphone",
			Summary: "My softphone device: registers it with my provider's carrier (sandbox party, or a Twilio Voice access token)", Response: api.SoftphoneBody{}},
		{Method: "POST", Path: "/api/v1/softphone/actions", Access: api.Member, Handler: a.SoftphoneAction, Tag: "softphone",
			Summary: "My sandbox device answers, rejects, hangs up or presses digits on a leg that rang me", Request: api.SoftphoneActionRequest{},
			Status: http.StatusAccepted},
		{Method: "POST", Path: "/api/v1/calls/{id}/hold", Access: api.Member, Handler: a.HoldCall, Tag: "softphone",
			Summary: "Hold (the caller hears the number's hold music) or resume my call", Request: api.HoldRequest{}, Response: event.Call{}},
		{Method: "POST", Path: "/api/v1/calls/{id}/mute", Access: api.Member, Handler: a.MuteCall, Tag: "softphone",
			Summary: "Mute or unmute me in my call", Request: api.MuteRequest{}, Response: event.Call{}},
		{Method: "PUT", Path: "/api/v1/calls/{id}/notes", Access: api.Member, Handler: a.SetCallNotes, Tag: "softphone",
			Summary: "Save my call's notes (at most 10,000 characters)", Request: api.NotesRequest{}, Response: event.Call{}},
		{Method: "POST", Path: "/api/v1/calls/{id}/forward", Access: api.Member, Handler: a.ForwardCall, Tag: "softphone",
			Summary: "Send a call ringing me to my forwarding number", Response: event.Call{}},
		{Method: "POST", Path: "/api/v1/calls/{id}/hangup", Access: api.Member, Handler: a.HangupCall, Tag: "softphone",
			Summary: "End my part in a call — my browser's leg or my own phone's (call me first) — at the carrier", Status: http.StatusAccepted},
	}
}

func recordRoutes(h api.Records, base string) []api.Route {
	tag := string(h.Kind) + "s"
	return []api.Route{
		{Method: "GET", Path: base, Access: api.Member, Handler: h.List, Tag: tag, Summary: "List " + tag + " in name order",
			Response: api.RecordList{}, Query: recordParams},
		{Method: "POST", Path: base, Access: api.Member, Handler: h.Create, Tag: tag, Summary: "Create a " + string(h.Kind),
			Request: api.RecordRequest{}, Response: api.Record{}, Status: http.StatusCreated},
		{Method: "GET", Path: base + "/{id}", Access: api.Member, Handler: h.Get, Tag: tag, Summary: "Get a " + string(h.Kind), Response: api.Record{}},
		{Method: "PATCH", Path: base + "/{id}", Access: api.Member, Handler: h.Update, Tag: tag, Summary: "Change a " + string(h.Kind),
			Request: api.RecordRequest{}, Response: api.Record{}},
		{Method: "DELETE", Path: base + "/{id}", Access: api.Member, Handler: h.Delete, Tag: tag, Summary: "Delete a " + string(h.Kind), Status: http.StatusNoContent},
	}
}

// routes builds the whole HTTP surface: the API, its OpenAPI document,
// operations endpoints, and the web app.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	rs := apiRoutes(s.api)
	rs = append(rs, api.Route{Method: "GET", Path: "/api/v1/openapi.json", Access: api.Public, Tag: "meta",
		Summary: "This OpenAPI document"})
	rs[len(rs)-1].Handler = api.ServeOpenAPI(rs)
	for _, rt := range rs {
		mux.Handle(rt.Pattern(), api.Adapt(s.log, api.Guard(s.store, rt.Access, rt.Handler)))
	}
	mux.Handle("/api/", api.Adapt(s.log, api.NoRoute))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", s.metricsHandler)
	carrierRoutes(mux, s.webhooks, s.sandbox)
	mux.Handle("GET /media/audio/{id}", api.CarrierAudio{Store: s.store, Signer: s.webhooks.Media, Log: s.log})
	mux.Handle("/", web.Handler()) // every method: "GET /" would conflict with "/api/"
	s.apiRoutes = rs
	return observe(s.log, s.metrics, http.NewCrossOriginProtection().Handler(mux))
}

// carrierRoutes mounts the carrier's webhooks and, when sb is not nil, the
// sandbox carrier (its control API for this machine only).
func carrierRoutes(mux *http.ServeMux, wh *callflow.Webhooks, sb *sandbox.Sandbox) {
	for path, h := range map[string]callflow.HookFunc{
		"/voice": wh.Voice, "/voice/fallback": wh.Voice, "/voice/menu": wh.Menu, "/voice/wait": wh.Wait,
		"/voice/resume": wh.Resume, "/voice/agent": wh.Agent, "/voice/leg": wh.Leg, "/voice/voicemail": wh.Voicemail, "/voice/recording": wh.Recording,
		"/voice/announce": wh.Announce, "/status": wh.Status, "/sms": wh.SMS,
		"/voice/outbound": wh.OutboundVoice, "/voice/outbound/leg": wh.OutboundLeg, "/voice/outbound/agent": wh.OutboundAgent,
		"/voice/outbound/customer": wh.OutboundCustomer, "/voice/outbound/status": wh.OutboundStatus,
		"/voice/outbound/recording": wh.OutboundRecording,
	} {
		mux.Handle("POST /webhooks/twilio"+path, wh.Intake(h))
	}
	if sb != nil {
		h := http.StripPrefix("/sandbox", sb.Handler())
		mux.Handle("/sandbox/", h)
		mux.Handle("/sandbox/control/", loopbackOnly(h))
	}
}
