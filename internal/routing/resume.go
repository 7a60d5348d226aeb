package routing

// Resume returns what the caller does in the stage st is in, for a caller
// whose leg is sent back for new instructions after the call's state
// changed on another webhook (an agent's leg ended, the queue's wait ran
// out): the menu, waiting, the forwarding numbers, voicemail, or the
// closing message.
func Resume(c Config, st State, env Env) Step {
	switch st.Stage {
	case StageMenu:
		return menuStep(c, st.Path)
	case StageRinging, StageQueued:
		return Step{Kind: StepQueue}
	case StageForward:
		return Step{Kind: StepForward, Forward: forwarding(c, st, env)}
	case StageVoicemail:
		return Step{Kind: StepVoicemail, Say: nonEmpty([]Message{c.Voice.Unavailable}), VoicemailSeconds: c.Voicemail.MaxLengthSeconds}
	case StageEnded:
		if st.Outcome == "busy" {
			return Step{Kind: StepHangup, Say: nonEmpty([]Message{c.Voice.Busy})}
		}
		return Step{Kind: StepHangup, Say: nonEmpty([]Message{c.Voice.Unavailable})}
	}
	return Step{Kind: StepWait}
}

// CallerStage reports whether the caller's leg, in stage s, is waiting in
// the call's conference, so that a new caller-facing step needs a redirect.
func CallerStage(s Stage) bool { return s == StageRinging || s == StageQueued }
