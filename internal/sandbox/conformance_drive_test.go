package sandbox

import (
	"context"
	"testing"
	"time"

	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// exerciseAPI calls every endpoint the sandbox implements, including a few
// errors, so the recorder sees one response of each kind.
func exerciseAPI(t *testing.T, e *env, api *openapi.ApiService) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	exerciseNumbers(e, api, must)
	member, call := exerciseCalls(e, api, must)
	exerciseConference(e, api, call, must)
	exerciseQueues(e, api, member, must)
	exerciseMessages(e, api, call, must)
	exerciseAppsAndKeys(api, must)
}

func exerciseAppsAndKeys(api *openapi.ApiService, must func(error)) {
	ap := &openapi.CreateApplicationParams{}
	ap.SetFriendlyName("softphone")
	ap.SetVoiceUrl("https://example.com/voice")
	a, err := api.CreateApplication(ap)
	must(err)
	_, err = api.FetchApplication(*a.Sid, nil)
	must(err)
	ua := &openapi.UpdateApplicationParams{}
	ua.SetVoiceMethod("GET")
	_, err = api.UpdateApplication(*a.Sid, ua)
	must(err)
	_, err = api.ListApplication(nil)
	must(err)
	must(api.DeleteApplication(*a.Sid, nil))
	k, err := api.CreateNewKey(nil)
	must(err)
	_, err = api.FetchKey(*k.Sid, nil)
	must(err)
	uk := &openapi.UpdateKeyParams{}
	uk.SetFriendlyName("renamed")
	_, err = api.UpdateKey(*k.Sid, uk)
	must(err)
	_, err = api.ListKey(nil)
	must(err)
	must(api.DeleteKey(*k.Sid, nil))
}

func exerciseNumbers(e *env, api *openapi.ApiService, must func(error)) {
	_, err := api.FetchAccount(e.acct.SID)
	must(err)
	lp := &openapi.ListAvailablePhoneNumberLocalParams{}
	lp.SetLimit(2)
	_, err = api.ListAvailablePhoneNumberLocal("US", lp)
	must(err)
	tf := &openapi.ListAvailablePhoneNumberTollFreeParams{}
	tf.SetLimit(2)
	_, err = api.ListAvailablePhoneNumberTollFree("US", tf)
	must(err)
	mob := &openapi.ListAvailablePhoneNumberMobileParams{}
	mob.SetLimit(2)
	_, err = api.ListAvailablePhoneNumberMobile("GB", mob)
	must(err)

	e.app.page("/wait", `<Play>/m.mp3</Play>`)
	e.app.page("/conf", `<Dial><Conference>room</Conference></Dial>`)
	// Without an action, <Record> would request its own document again and
	// record forever (its action defaults to the current document URL).
	e.app.page("/rec", `<Record maxLength="5" action="/after-rec"/>`)
	e.app.page("/after-rec", `<Hangup/>`)
	np := &openapi.CreateIncomingPhoneNumberParams{}
	np.SetPhoneNumber(ourNumber)
	np.SetVoiceUrl(e.app.url("/voice"))
	n, err := api.CreateIncomingPhoneNumber(np)
	must(err)
	up := &openapi.UpdateIncomingPhoneNumberParams{}
	up.SetSmsUrl("https://example.com/sms")
	_, err = api.UpdateIncomingPhoneNumber(*n.Sid, up)
	must(err)
	_, err = api.FetchIncomingPhoneNumber(*n.Sid, nil)
	must(err)
	_, err = api.ListIncomingPhoneNumber(nil)
	must(err)
	tmp := &openapi.CreateIncomingPhoneNumberParams{}
	tmp.SetAreaCode("212")
	n2, err := api.CreateIncomingPhoneNumber(tmp)
	must(err)
	must(api.DeleteIncomingPhoneNumber(*n2.Sid, nil))
}

// exerciseCalls leaves a caller waiting in queue "line" and an outbound
// call in conference "room"; it returns both call SIDs.
func exerciseCalls(e *env, api *openapi.ApiService, must func(error)) (string, string) {
	e.app.page("/voice", `<Enqueue waitUrl="/wait">line</Enqueue>`)
	member, err := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
	must(err)
	e.sb.Advance(3 * time.Second)
	cp := &openapi.CreateCallParams{}
	cp.SetTo("+12125550123")
	cp.SetFrom(ourNumber)
	cp.SetUrl(e.app.url("/conf"))
	cp.SetStatusCallbackEvent([]string{"initiated", "completed"})
	call, err := api.CreateCall(cp)
	must(err)
	e.sb.Advance(10 * time.Second)
	_, err = api.FetchCall(*call.Sid, nil)
	must(err)
	_, err = api.ListCall(nil)
	must(err)
	return member, *call.Sid
}

func exerciseConference(e *env, api *openapi.ApiService, call string, must func(error)) {
	r, err := api.CreateCallRecording(call, nil)
	must(err)
	_, err = api.FetchCallRecording(call, *r.Sid, nil)
	must(err)
	stop := &openapi.UpdateCallRecordingParams{}
	stop.SetStatus("stopped")
	_, err = api.UpdateCallRecording(call, *r.Sid, stop)
	must(err)
	must(api.DeleteCallRecording(call, *r.Sid, nil))
	confs, err := api.ListConference(nil)
	must(err)
	cf := *confs[0].Sid
	_, err = api.FetchConference(cf, nil)
	must(err)
	pp := &openapi.CreateParticipantParams{}
	pp.SetFrom(ourNumber)
	pp.SetTo("+12125550124")
	pp.SetLabel("coach")
	_, err = api.CreateParticipant(cf, pp)
	must(err)
	e.sb.Advance(10 * time.Second)
	_, err = api.ListParticipant(cf, nil)
	must(err)
	_, err = api.FetchParticipant(cf, call, nil)
	must(err)
	hold := &openapi.UpdateParticipantParams{}
	hold.SetHold(true)
	_, err = api.UpdateParticipant(cf, call, hold)
	must(err)
	must(api.DeleteParticipant(cf, "coach", nil))
	end := &openapi.UpdateConferenceParams{}
	end.SetStatus("completed")
	_, err = api.UpdateConference(cf, end)
	must(err)
}

func exerciseQueues(e *env, api *openapi.ApiService, member string, must func(error)) {
	qp := &openapi.CreateQueueParams{}
	qp.SetFriendlyName("spare")
	q, err := api.CreateQueue(qp)
	must(err)
	_, err = api.FetchQueue(*q.Sid, nil)
	must(err)
	uq := &openapi.UpdateQueueParams{}
	uq.SetMaxSize(20)
	_, err = api.UpdateQueue(*q.Sid, uq)
	must(err)
	must(api.DeleteQueue(*q.Sid, nil))
	queues, err := api.ListQueue(nil)
	must(err)
	_, err = api.ListMember(*queues[0].Sid, nil)
	must(err)
	_, err = api.FetchMember(*queues[0].Sid, member, nil)
	must(err)
	um := &openapi.UpdateMemberParams{}
	um.SetUrl(e.app.url("/rec"))
	_, err = api.UpdateMember(*queues[0].Sid, "Front", um)
	must(err)
	e.sb.RunUntilEnded(context.Background(), member, time.Hour)
	recs, err := api.ListRecording(nil)
	must(err)
	_, err = api.FetchRecording(*recs[0].Sid, nil)
	must(err)
	_, err = api.ListCallRecording(member, nil)
	must(err)
	must(api.DeleteRecording(*recs[0].Sid, nil))
}

func exerciseMessages(e *env, api *openapi.ApiService, call string, must func(error)) {
	mp := &openapi.CreateMessageParams{}
	mp.SetTo("+12125550123")
	mp.SetFrom(ourNumber)
	mp.SetBody("hello")
	m, err := api.CreateMessage(mp)
	must(err)
	e.sb.Advance(5 * time.Second)
	_, err = api.FetchMessage(*m.Sid, nil)
	must(err)
	_, err = api.ListMessage(nil)
	must(err)
	uc := &openapi.UpdateCallParams{}
	uc.SetStatus("completed")
	_, err = api.UpdateCall(call, uc)
	must(err)

	// Errors: 20404, 21211, 21606.
	_, _ = api.FetchCall("CA00000000000000000000000000000000", nil)
	bad := &openapi.CreateCallParams{}
	bad.SetTo("12")
	bad.SetFrom(ourNumber)
	bad.SetUrl("https://example.com")
	_, _ = api.CreateCall(bad)
	bm := &openapi.CreateMessageParams{}
	bm.SetTo("+12125550123")
	bm.SetFrom("+19995550000")
	bm.SetBody("x")
	_, _ = api.CreateMessage(bm)
}
