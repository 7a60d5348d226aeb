package callflow

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/store"
)

// Outbound call webhooks (decision 0022).
const (
	// PathOutbound is the TwiML App's voice URL: a browser call placed by
	// the Voice SDK (or the sandbox device) asks it what to do.
	PathOutbound = "/webhooks/twilio/voice/outbound"
	// PathOutboundLeg receives the agent leg's status callbacks.
	PathOutboundLeg  = "/webhooks/twilio/voice/outbound/leg"
	pathOutAgent     = "/webhooks/twilio/voice/outbound/agent"
	pathOutCustomer  = "/webhooks/twilio/voice/outbound/customer"
	pathOutStatus    = "/webhooks/twilio/voice/outbound/status"
	pathOutRecording = "/webhooks/twilio/voice/outbound/recording"
)

// Outbound is the direction of calls agents place (R-OUT).
const Outbound = call.Outbound

// Ways a call is placed (R-OUT-5).
const (
	ViaBrowser = "browser"
	ViaPhone   = "phone"
)

// Dial is an agent's request to call a number.
type Dial struct {
	To       string
	Country  string // "" = the org's default country
	RecordID int64  // 0 = the record with that number, if any
	Via      string // "" = ViaBrowser
}

// Placed is a call placed: Params are what a twilio device passes to
// Device.connect; nil when the server started the call itself.
type Placed struct {
	Call   call.Call
	Device string
	Params map[string]string
}

// Dialer places agents' outbound calls.
type Dialer struct {
	Webhooks *Webhooks
	Devices  *Devices
}

// caller is who places a call and through what.
type caller struct {
	user     org.User
	org      org.Org
	number   provider.Number
	provider provider.Provider
	device   provider.Provider // the user's own provider: their softphone
}

// Place validates the dial, records the call and starts it: through the
// user's browser device or, via phone, by ringing their forwarding number
// first (R-OUT-1…6). A refused dial writes nothing and dials nothing.
func (dl *Dialer) Place(ctx context.Context, orgID org.ID, user org.UserID, d Dial) (Placed, error) {
	to, err := dl.check(ctx, orgID, d)
	if err != nil {
		return Placed{}, err
	}
	who, err := dl.caller(ctx, orgID, user, d.Via)
	if err != nil {
		return Placed{}, err
	}
	record, err := dl.record(ctx, orgID, to, crm.RecordID(d.RecordID), who.org.Settings)
	if err != nil {
		return Placed{}, err
	}
	c, err := dl.start(ctx, who, to, record, d.Via)
	if err != nil {
		return Placed{}, err
	}
	return dl.connect(ctx, who, c, d.Via)
}

// check validates the request's fields and returns the number to call.
func (dl *Dialer) check(ctx context.Context, orgID org.ID, d Dial) (string, error) {
	f := problem.Fields{}
	if d.Via != ViaBrowser && d.Via != ViaPhone {
		f.Add("via", "must be browser or phone")
	}
	if d.Country != "" && !phone.ValidRegion(strings.ToUpper(d.Country)) {
		f.Add("country", "must be an ISO 3166 alpha-2 country code, e.g. GB")
	}
	o, err := dl.Webhooks.Store.Org(ctx, orgID)
	if err != nil {
		return "", err
	}
	region := o.Settings.DefaultCountry
	if d.Country != "" {
		region = d.Country
	}
	n, perr := phone.Parse(d.To, region)
	if perr != nil {
		f.Add("to", perr.Error())
	}
	if d.RecordID < 0 {
		f.Add("record_id", "must be a record id")
	} else if d.RecordID > 0 {
		if _, err := dl.Webhooks.Store.RecordKind(ctx, orgID, crm.RecordID(d.RecordID)); problem.Is(err, problem.NotFound) {
			f.Add("record_id", "is not a record of this org")
		} else if err != nil {
			return "", err
		}
	}
	return n.E164, f.Err()
}

// Refusals (docs/outbound.md).
const (
	noCallerID   = "You have no caller ID number: ask an admin to map you to one."
	onACall      = "You are already on a call: end it before placing another."
	noForwarding = "You have no forwarding number."
)

// caller finds the user's caller ID number and checks they may call out
// on it now (R-OUT-4, R-NUM-5, R-NUM-6).
func (dl *Dialer) caller(ctx context.Context, orgID org.ID, user org.UserID, via string) (caller, error) {
	st := dl.Webhooks.Store
	var who caller
	var err error
	if who.org, err = st.Org(ctx, orgID); err != nil {
		return who, err
	}
	if who.user, err = st.User(ctx, orgID, user); err != nil {
		return who, err
	}
	if who.device, err = st.UserProvider(ctx, orgID, user); problem.Is(err, problem.NotFound) {
		return who, problem.New(problem.Conflict, "%s", noProvider)
	} else if err != nil {
		return who, err
	}
	if who.number, err = dl.callerID(ctx, orgID, user); err != nil {
		return who, err
	}
	if who.provider, err = st.Provider(ctx, orgID, who.number.ProviderID); err != nil {
		return who, err
	}
	if via == ViaPhone && who.user.ForwardingNumber == "" {
		return who, problem.New(problem.Conflict, noForwarding)
	}
	return who, dl.free(ctx, orgID, user)
}

// callerID is the user's mapped number, if they may call out on it.
func (dl *Dialer) callerID(ctx context.Context, orgID org.ID, user org.UserID) (provider.Number, error) {
	ids, err := dl.Webhooks.Store.CallerIDs(ctx, orgID)
	if err != nil {
		return provider.Number{}, err
	}
	id, ok := ids[user]
	if !ok {
		return provider.Number{}, problem.New(problem.Conflict, noCallerID)
	}
	n, err := dl.Webhooks.Store.Number(ctx, orgID, id)
	if problem.Is(err, problem.NotFound) || err == nil && !n.Linked() {
		return n, problem.New(problem.Conflict, noCallerID)
	}
	if err != nil {
		return n, err
	}
	if !n.OutgoingEnabled {
		return n, problem.New(problem.Conflict, "Outgoing calls are off on %s.", n.E164)
	}
	if op, ok := operator(n, user); !ok || !op.Outgoing {
		return n, problem.New(problem.Conflict, "Your outgoing calls on %s are off.", n.E164)
	}
	return n, nil
}

// operator is user's operator entry on the number.
func operator(n provider.Number, user org.UserID) (provider.Operator, bool) {
	for _, op := range n.Operators {
		if op.UserID == user {
			return op, true
		}
	}
	return provider.Operator{}, false
}

// free refuses a user who is already on a call.
func (dl *Dialer) free(ctx context.Context, orgID org.ID, user org.UserID) error {
	a, err := dl.Webhooks.Store.AgentPresence(ctx, orgID, user)
	if err != nil && !problem.Is(err, problem.NotFound) {
		return err
	}
	busy := err == nil && a.Busy
	if !busy {
		if busy, err = dl.Webhooks.Store.UserOnCall(ctx, orgID, user); err != nil {
			return err
		}
	}
	if busy {
		return problem.New(problem.Conflict, onACall)
	}
	return nil
}

// record is the record the call is logged on: the one asked for, else
// the one with the number, else a contact created for it when the org
// says so (R-OUT-6); 0 = none.
func (dl *Dialer) record(ctx context.Context, orgID org.ID, to string, id crm.RecordID, s org.Settings) (crm.RecordID, error) {
	if id != 0 {
		return id, nil
	}
	hits, err := dl.Webhooks.Store.RecordsByPhone(ctx, orgID, to)
	if err != nil || len(hits) > 0 {
		if len(hits) > 0 {
			return hits[0].RecordID, nil
		}
		return 0, err
	}
	if !s.AutoCreateContacts {
		return 0, nil
	}
	r, ok := callerContact(to, s)
	if !ok {
		return 0, nil
	}
	r, err = dl.Webhooks.Store.CreateRecord(ctx, orgID, r)
	return r.ID, err
}

// start records the call with the agent's leg, in one transaction that
// refuses a user already on a call (two calls placed at once by one user:
// the second is refused): via phone the dial job rings their forwarding
// number; via browser their device places the leg. Until it ends, the
// queued leg keeps the agent "on a call"; they are marked busy once their
// leg connects. The sweep closes a call never connected.
func (dl *Dialer) start(ctx context.Context, who caller, to string, record crm.RecordID, via string) (call.Call, error) {
	wh := dl.Webhooks
	c := call.Call{OrgID: who.org.ID, NumberID: int64(who.number.ID), CallSID: pendingSID(), Direction: Outbound,
		From: who.number.E164, To: to, RecordID: int64(record), Status: call.Ringing, StartedAt: wh.now()}
	leg := call.Leg{UserID: who.user.ID, Status: "queued"}
	var jobs []call.Job
	if via == ViaPhone {
		leg.ForwardTo = who.user.ForwardingNumber
		jobs = append(jobs, call.Job{Kind: JobDial, Payload: payload(dialPayload{Agent: true})})
	}
	ch := store.Change{Call: c, NewLegs: []call.Leg{leg}, Jobs: jobs}
	c, placed, err := wh.Store.PlaceCall(ctx, c.OrgID, who.user.ID, ch)
	if err != nil {
		return c, err
	}
	if !placed {
		return c, problem.New(problem.Conflict, onACall)
	}
	wh.afterCommit(ctx, ch)
	return c, nil
}

// connect starts a browser call: a twilio device is given the params to
// connect with; the server places a sandbox device's call itself.
func (dl *Dialer) connect(ctx context.Context, who caller, c call.Call, via string) (Placed, error) {
	out := Placed{Call: c, Device: string(who.device.Kind)}
	if via == ViaPhone {
		return out, nil
	}
	params := map[string]string{"To": c.To, "call_id": strconv.FormatInt(int64(c.ID), 10)}
	if who.device.Kind == provider.Twilio {
		out.Device, out.Params = DeviceTwilio, params
		return out, nil
	}
	out.Device = DeviceSandbox
	app, err := dl.Devices.App(ctx, who.provider)
	if err == nil {
		var ctl SandboxControl
		if ctl, err = dl.Devices.Sandbox(who.device); err == nil {
			err = ctl.Connect(ctx, "client:"+AgentIdentity(int64(who.user.ID)), app, params)
		}
	}
	if err != nil {
		dl.abandon(ctx, c, who.user.ID)
	}
	return out, err
}

// abandon closes a call whose leg could not be started.
func (dl *Dialer) abandon(ctx context.Context, c call.Call, user org.UserID) {
	wh := dl.Webhooks
	_, err := wh.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
		return endOutbound(cur, legs, "failed", wh.now(), wh.Worker.priceWait()), nil
	})
	if err != nil {
		wh.Log.WarnContext(ctx, "closing a call that could not start", "call_id", c.ID, "user_id", user, "err", err)
	}
}

// pendingSID stands for the customer leg's SID until the carrier creates
// it (calls.call_sid is unique and required).
func pendingSID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24)
	return pendingPrefix + hex.EncodeToString(b)
}

const pendingPrefix = "pending-"
