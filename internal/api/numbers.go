package api

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
)

// CapabilitiesBody says what a number can carry.
type CapabilitiesBody struct {
	Voice bool `json:"voice"`
	SMS   bool `json:"sms"`
	MMS   bool `json:"mms"`
}

// CarrierNumberBody is a number in the carrier account; NumberID is set
// when it is linked to this org.
type CarrierNumberBody struct {
	SID          string           `json:"sid"`
	PhoneNumber  string           `json:"phone_number"`
	FriendlyName string           `json:"friendly_name"`
	Capabilities CapabilitiesBody `json:"capabilities"`
	NumberID     *int64           `json:"number_id"`
}

// CarrierNumberList lists numbers in a carrier account.
type CarrierNumberList struct {
	Items []CarrierNumberBody `json:"items"`
}

// AvailableNumberBody is a number the carrier offers for purchase.
type AvailableNumberBody struct {
	PhoneNumber  string           `json:"phone_number"`
	FriendlyName string           `json:"friendly_name"`
	Locality     string           `json:"locality"`
	Region       string           `json:"region"`
	Country      string           `json:"country"`
	Capabilities CapabilitiesBody `json:"capabilities"`
}

// AvailableNumberList lists purchasable numbers.
type AvailableNumberList struct {
	Items []AvailableNumberBody `json:"items"`
}

// OperatorBody is a user allowed to use a number, with their switches.
type OperatorBody struct {
	UserID    int64 `json:"user_id"`
	Outgoing  bool  `json:"outgoing"`
	Recording bool  `json:"recording"`
}

// NumberBody is a linked number.
type NumberBody struct {
	ID               int64            `json:"id"`
	ProviderID       int64            `json:"provider_id"`
	SID              string           `json:"sid"`
	E164             string           `json:"e164"`
	FriendlyName     string           `json:"friendly_name"`
	Capabilities     CapabilitiesBody `json:"capabilities"`
	OutgoingEnabled  bool             `json:"outgoing_enabled"`
	RecordingEnabled bool             `json:"recording_enabled"`
	Script           string           `json:"script"`
	Operators        []OperatorBody   `json:"operators"`
	LinkedAt         string           `json:"linked_at"`
}

// NumberList lists linked numbers.
type NumberList struct {
	Items []NumberBody `json:"items"`
}

func numberBody(n provider.Number) NumberBody {
	b := NumberBody{ID: int64(n.ID), ProviderID: int64(n.ProviderID), SID: n.SID, E164: n.E164, FriendlyName: n.FriendlyName,
		Capabilities: CapabilitiesBody(n.Capabilities), OutgoingEnabled: n.OutgoingEnabled, RecordingEnabled: n.RecordingEnabled,
		Script: n.Script, Operators: make([]OperatorBody, len(n.Operators)), LinkedAt: stamp(n.LinkedAt)}
	for i, o := range n.Operators {
		b.Operators[i] = OperatorBody{UserID: int64(o.UserID), Outgoing: o.Outgoing, Recording: o.Recording}
	}
	return b
}

// CarrierNumbers lists the numbers in the provider's carrier account,
// marking those linked to this org (R-NUM-1).
func (a *API) CarrierNumbers(w http.ResponseWriter, r *http.Request) error {
	p, c, err := a.providerCarrier(r)
	if err != nil {
		return err
	}
	list, err := c.IncomingNumbers(r.Context())
	if err := a.track(r.Context(), p, err); err != nil {
		return err
	}
	linked, err := a.Store.Numbers(r.Context(), p.OrgID, p.ID)
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, n := range linked {
		ids[n.SID] = int64(n.ID)
	}
	out := CarrierNumberList{Items: make([]CarrierNumberBody, len(list))}
	for i, n := range list {
		out.Items[i] = CarrierNumberBody{SID: n.SID, PhoneNumber: n.PhoneNumber, FriendlyName: n.FriendlyName,
			Capabilities: CapabilitiesBody(n.Capabilities)}
		if id, ok := ids[n.SID]; ok {
			out.Items[i].NumberID = &id
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) providerCarrier(r *http.Request) (provider.Provider, Carrier, error) {
	p, err := a.providerOf(r)
	if err != nil {
		return p, nil, err
	}
	c, err := a.carrier(p)
	return p, c, err
}

// AvailableNumbers searches the numbers the provider offers: ?country=US
// &type=Local|Mobile|TollFree &area_code= &contains= &voice=true &sms=true.
func (a *API) AvailableNumbers(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	areaCode, err := queryInt(r, "area_code", 0, 0, 999)
	if err != nil {
		return err
	}
	nq := provider.NumberQuery{Country: strings.ToUpper(q.Get("country")), Type: q.Get("type"), AreaCode: areaCode,
		Contains: q.Get("contains"), Voice: q.Get("voice") == "true", SMS: q.Get("sms") == "true", Limit: 30}
	if nq.Country == "" {
		return badQuery("country", "is required, e.g. US")
	}
	p, c, err := a.providerCarrier(r)
	if err != nil {
		return err
	}
	list, err := c.AvailableNumbers(r.Context(), nq)
	if err := a.track(r.Context(), p, err); err != nil {
		return err
	}
	out := AvailableNumberList{Items: make([]AvailableNumberBody, len(list))}
	for i, n := range list {
		out.Items[i] = AvailableNumberBody{PhoneNumber: n.PhoneNumber, FriendlyName: n.FriendlyName, Locality: n.Locality,
			Region: n.Region, Country: n.Country, Capabilities: CapabilitiesBody(n.Capabilities)}
	}
	return writeJSON(w, http.StatusOK, out)
}

// AddNumberRequest links a number the account owns (sid) or buys one
// (phone_number, from the available numbers).
type AddNumberRequest struct {
	SID         string `json:"sid,omitempty"`
	PhoneNumber string `json:"phone_number,omitempty"`
}

// AddNumber buys or links a number and points its webhooks at this server
// (R-NUM-1, 2, 4). A trial account may hold one number; a real Twilio
// provider needs SWITCHBOARD_PUBLIC_URL.
func (a *API) AddNumber(w http.ResponseWriter, r *http.Request) error {
	var req AddNumberRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if (req.SID == "") == (req.PhoneNumber == "") {
		return problem.Field("sid", "give the sid of a number in the account to link, or a phone_number to buy, not both")
	}
	p, c, err := a.providerCarrier(r)
	if err != nil {
		return err
	}
	hooks, err := a.hooks(p)
	if err != nil {
		return err
	}
	if err := a.checkTrial(r, p, c, req.PhoneNumber != ""); err != nil {
		return err
	}
	var cn provider.CarrierNumber
	var previous provider.Webhooks
	if req.PhoneNumber != "" {
		cn, err = c.BuyNumber(r.Context(), req.PhoneNumber, hooks)
	} else {
		cn, previous, err = a.takeOver(r, p, c, req.SID, hooks)
	}
	if err := a.track(r.Context(), p, err); err != nil {
		return err
	}
	n, err := a.Store.LinkNumber(r.Context(), p.OrgID, provider.Number{ProviderID: p.ID, SID: cn.SID, E164: cn.PhoneNumber,
		FriendlyName: cn.FriendlyName, Capabilities: cn.Capabilities, OutgoingEnabled: true, Previous: previous})
	if err != nil {
		c.SetWebhooks(r.Context(), cn.SID, previous) // undo at the carrier; the number is not ours
		return err
	}
	return writeJSON(w, http.StatusCreated, numberBody(n))
}

// hooks returns the webhooks a linked number gets; a real Twilio provider
// needs a public URL Twilio can reach.
func (a *API) hooks(p provider.Provider) (provider.Webhooks, error) {
	if p.Kind == provider.Twilio && a.PublicURL == "" {
		return provider.Webhooks{}, problem.Field("public_url", "SWITCHBOARD_PUBLIC_URL is not set: set it to the https:// address "+
			"Twilio can reach this server at (e.g. https://crm.example.com, or a tunnel's URL) and restart, then link again")
	}
	return provider.HooksFor(a.SelfURL), nil
}

// checkTrial refuses a second number on a trial account (R-NUM-2).
func (a *API) checkTrial(r *http.Request, p provider.Provider, c Carrier, buying bool) error {
	if !p.Trial() {
		return nil
	}
	held, err := c.IncomingNumbers(r.Context())
	if err := a.track(r.Context(), p, err); err != nil {
		return err
	}
	linked, err := a.Store.Numbers(r.Context(), p.OrgID, p.ID)
	if err != nil {
		return err
	}
	if (buying && len(held) >= 1) || (!buying && len(linked) >= 1) {
		return problem.New(problem.Conflict, "this Twilio account is a trial account, which can hold only one phone number; "+
			"upgrade it at Twilio to buy or link more")
	}
	return nil
}

// takeOver points an owned number's webhooks at this server, returning
// the number and the webhooks it had.
func (a *API) takeOver(r *http.Request, p provider.Provider, c Carrier, sid string, hooks provider.Webhooks) (provider.CarrierNumber, provider.Webhooks, error) {
	cn, err := c.IncomingNumber(r.Context(), sid)
	if problem.Is(err, problem.NotFound) {
		return cn, provider.Webhooks{}, problem.Field("sid", "no number with this sid in the provider's account")
	}
	if err != nil {
		return cn, provider.Webhooks{}, err
	}
	if _, _, err := a.Store.NumberForWebhook(r.Context(), cn.PhoneNumber); err == nil {
		return cn, provider.Webhooks{}, problem.Field("sid", cn.PhoneNumber+" is already linked")
	}
	updated, err := c.SetWebhooks(r.Context(), sid, hooks)
	return updated, cn.Webhooks, err
}

// ListNumbers lists the org's linked numbers with operators and switches.
func (a *API) ListNumbers(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.Numbers(r.Context(), userOf(r).OrgID, 0)
	if err != nil {
		return err
	}
	out := NumberList{Items: make([]NumberBody, len(list))}
	for i, n := range list {
		out.Items[i] = numberBody(n)
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) numberOf(r *http.Request) (provider.Number, error) {
	id, err := pathID(r)
	if err != nil {
		return provider.Number{}, err
	}
	return a.Store.Number(r.Context(), userOf(r).OrgID, provider.NumberID(id))
}

// GetNumber returns a linked number.
func (a *API) GetNumber(w http.ResponseWriter, r *http.Request) error {
	n, err := a.numberOf(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, numberBody(n))
}

// NumberRequest changes a number's switches (R-NUM-5) and call script
// (R-AG-3, at most 5,000 characters; "" removes it).
type NumberRequest struct {
	OutgoingEnabled  *bool   `json:"outgoing_enabled,omitempty"`
	RecordingEnabled *bool   `json:"recording_enabled,omitempty"`
	Script           *string `json:"script,omitempty"`
}

// UpdateNumber sets a number's outgoing-calls and recording switches and
// its call script.
func (a *API) UpdateNumber(w http.ResponseWriter, r *http.Request) error {
	n, err := a.numberOf(r)
	if err != nil {
		return err
	}
	var req NumberRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	ch := provider.NumberChange{Outgoing: req.OutgoingEnabled, Recording: req.RecordingEnabled, Script: req.Script}
	if err := ch.Validate(); err != nil {
		return err
	}
	if err := a.Store.UpdateNumber(r.Context(), n.OrgID, n.ID, ch); err != nil {
		return err
	}
	if n, err = a.Store.Number(r.Context(), n.OrgID, n.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, numberBody(n))
}

// OperatorsRequest replaces a number's operators.
type OperatorsRequest struct {
	Operators []OperatorBody `json:"operators"`
}

// SetOperators replaces a number's operators and their switches.
func (a *API) SetOperators(w http.ResponseWriter, r *http.Request) error {
	n, err := a.numberOf(r)
	if err != nil {
		return err
	}
	var req OperatorsRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	ops := make([]provider.Operator, len(req.Operators))
	for i, o := range req.Operators {
		ops[i] = provider.Operator{UserID: org.UserID(o.UserID), Outgoing: o.Outgoing, Recording: o.Recording}
	}
	if err := a.Store.SetOperators(r.Context(), n.OrgID, n.ID, ops); err != nil {
		return err
	}
	if n, err = a.Store.Number(r.Context(), n.OrgID, n.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, numberBody(n))
}

// UnlinkNumber gives the number its previous webhooks back at the carrier
// and stops it routing to the org (R-NUM-4); history stays. When the
// carrier cannot be reached nothing changes, so the admin can retry.
func (a *API) UnlinkNumber(w http.ResponseWriter, r *http.Request) error {
	n, err := a.numberOf(r)
	if err != nil {
		return err
	}
	p, err := a.Store.Provider(r.Context(), n.OrgID, n.ProviderID)
	if err != nil {
		return err
	}
	c, err := a.carrier(p)
	if err != nil {
		return err
	}
	_, err = c.SetWebhooks(r.Context(), n.SID, n.Previous)
	if err := a.track(r.Context(), p, err); err != nil && !problem.Is(err, problem.NotFound) {
		return err // a number gone from the account is unlinked anyway
	}
	if err := a.Store.UnlinkNumber(r.Context(), n.OrgID, n.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// CallerIDRequest maps a user to the number they call out from; null
// clears it (R-NUM-6).
type CallerIDRequest struct {
	NumberID *int64 `json:"number_id"`
}

// CallerIDBody is a user's caller-ID mapping.
type CallerIDBody struct {
	UserID   int64  `json:"user_id"`
	NumberID *int64 `json:"number_id"`
}

// SetCallerID maps a user to a caller-ID number.
func (a *API) SetCallerID(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req CallerIDRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	var number provider.NumberID
	if req.NumberID != nil {
		number = provider.NumberID(*req.NumberID)
	}
	if err := a.Store.SetCallerID(r.Context(), userOf(r).OrgID, org.UserID(id), number); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, CallerIDBody{UserID: id, NumberID: req.NumberID})
}

// CallerIDList lists every user's caller ID.
type CallerIDList struct {
	Items []CallerIDBody `json:"items"`
}

// ListCallerIDs returns the outbound mapping of every user.
func (a *API) ListCallerIDs(w http.ResponseWriter, r *http.Request) error {
	ids, err := a.Store.CallerIDs(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	out := CallerIDList{Items: []CallerIDBody{}}
	for u, n := range ids {
		nid := int64(n)
		out.Items = append(out.Items, CallerIDBody{UserID: int64(u), NumberID: &nid})
	}
	slices.SortFunc(out.Items, func(x, y CallerIDBody) int { return cmp.Compare(x.UserID, y.UserID) })
	return writeJSON(w, http.StatusOK, out)
}
