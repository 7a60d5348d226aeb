// The editor of a number's routing draft: status and mode, the IVR menu or
// the direct ring group, voice and messages, queue, hours, voicemail and
// recording; then save, publish and what stops publishing.
import type { ApiError } from '../../api/client'
import type { User } from '../../api/types'
import { ErrorBox } from '../../components/ui'
import { when } from '../../format'
import { org } from '../../session'
import type { Config, Menu, NumberBody } from './api'
import { GroupEditor } from './GroupEditor'
import { HoursEditor } from './HoursEditor'
import { MenuEditor, type MenuCtx } from './MenuEditor'
import { Num, Radios, Toggle, type Errs } from './parts'
import { ProblemList } from './ProblemList'
import { QueueEditor } from './QueueEditor'
import { countOptions, depth, newGroup, setMode, updateMenu, VOICEMAIL_LIMITS, type MenuPath, type Mode } from './tree'
import { useAudioList, VoiceEditor } from './VoiceEditor'
import type { ComponentChildren } from 'preact'

export interface EditorProps {
  number: NumberBody
  draft: Config
  setDraft: (c: Config) => void
  users: User[]
  userName: (id: number) => string
  /** Problems shown beside their fields. */
  errs: Errs
  /** What stops the saved draft from being published. */
  problems: Errs
  /** Problems of the last failed save or publish. */
  saveErrors: Errs
  showProblems: boolean
  setShowProblems: (on: boolean) => void
  dirty: boolean
  sameAsLive: boolean
  savedAt: string | null
  busy: '' | 'save' | 'publish' | 'restore'
  error: ApiError | null
  said: string
  timeZone: string
  save: () => Promise<boolean>
  publish: () => void
  discard: () => void
}

function Section({ id, title, children, hint }: { id: string; title: string; children: ComponentChildren; hint?: ComponentChildren }) {
  return (
    <section class="panel rt-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {hint && <p class="hint rt-section-hint">{hint}</p>}
      {children}
    </section>
  )
}

export function Editor(p: EditorProps) {
  const c = p.draft
  const errs = p.errs
  const set = (patch: Partial<Config>) => p.setDraft({ ...c, ...patch })
  const mode = (c.mode || 'direct') as Mode
  const audio = useAudioList(c.voice.format === 'audio_file')
  const menuCtx: MenuCtx = {
    errs,
    users: p.users,
    template: c.voice.format === 'text' ? c.voice.menu.text : null,
    formatRefusal: c.voice.format !== 'text' ? 'Sub-menus need the text voice format (R-IN-3): change “Messages are” under Voice first.' : null,
    update: (path: MenuPath, f: (m: Menu) => Menu) => set({ menu: updateMenu(c.menu || { options: [] }, path, f) }),
  }
  const problemCount = Object.keys(p.problems).length
  const saveErrCount = Object.keys(p.saveErrors).length
  const announcement = org.value?.recording_announcement
  // Publishing the live configuration again would add a version that changes nothing.
  const nothingNew = !p.dirty && p.sameAsLive
  return (
    <div class="stack rt-editor">
      <Section id="rt-number" title="Number">
        <Toggle path="online" label="Online" errs={errs} checked={c.online} onChange={(on) => set({ online: on })}
          hint={c.online ? 'Calls are routed as set below' : 'Offline: every caller takes the unavailable path (forwarding, voicemail or the unavailable message)'} />
        <Radios<Mode>
          path="mode"
          legend="Callers reach"
          value={mode}
          errs={errs}
          onChange={(m) => p.setDraft(setMode(c, m))}
          choices={[
            { value: 'ivr', label: 'An IVR menu', hint: 'Callers press keys to choose (up to 9 options a menu, 5 levels)' },
            { value: 'direct', label: 'Users directly', hint: 'A group of users rings straight away' },
          ]}
        />
      </Section>

      {mode === 'ivr' ? (
        <Section id="rt-menu" title="IVR menu"
          hint={`Callers hear the welcome message, then the menu message for each option, in this order. ${countOptions(c.menu)} options in ${depth(c.menu) || 1} level${depth(c.menu) > 1 ? 's' : ''}.`}>
          <MenuEditor menu={c.menu || { options: [] }} path={[]} ctx={menuCtx} title="Main menu" />
        </Section>
      ) : (
        <Section id="rt-group" title="Ring group">
          <GroupEditor group={c.group || newGroup()} path="group" inOption={false} purpose="this number" users={p.users} errs={errs}
            onChange={(g) => set({ group: g })} />
        </Section>
      )}

      <Section id="rt-voice" title="Voice and messages">
        <VoiceEditor config={c} errs={errs} audio={audio} onChange={(v) => set({ voice: v })} />
      </Section>

      <Section id="rt-queue" title="Call queue">
        <QueueEditor queue={c.queue} errs={errs} onChange={(q) => set({ queue: q })} />
      </Section>

      <Section id="rt-hours" title="Business hours">
        <HoursEditor hours={c.hours} orgHours={org.value?.business_hours} errs={errs} timeZone={p.timeZone} onChange={(h) => set({ hours: h })} />
      </Section>

      <Section id="rt-more" title="Voicemail and recording">
        <div class="stack">
          <Toggle path="voicemail.enabled" label="Voicemail" errs={errs} checked={c.voicemail.enabled}
            hint="When nobody can take the call (and no forwarding number does), the caller can leave a message after the tone"
            onChange={(on) => set({ voicemail: { ...c.voicemail, enabled: on } })} />
          {c.voicemail.enabled && (
            <Num path="voicemail.max_length_seconds" label="Longest message" unit="s" errs={errs} value={c.voicemail.max_length_seconds}
              min={VOICEMAIL_LIMITS[0]} max={VOICEMAIL_LIMITS[1]} onChange={(v) => set({ voicemail: { ...c.voicemail, max_length_seconds: v } })} />
          )}
          <Toggle path="recording.enabled" label="Record calls" errs={errs} checked={c.recording.enabled}
            hint="The whole call is recorded and attached to the call and the contact’s timeline"
            onChange={(on) => set({ recording: { ...c.recording, enabled: on } })} />
          {c.recording.enabled && (
            <Toggle path="recording.announcement" label="Announce the recording first" errs={errs} checked={c.recording.announcement}
              hint={announcement ? `Plays “${announcement}” (set under Settings → Organisation)` : 'Plays the organisation’s recording announcement (set under Settings → Organisation)'}
              onChange={(on) => set({ recording: { ...c.recording, announcement: on } })} />
          )}
        </div>
      </Section>

      {/* Problems stay in the page's flow, above the sticky bar, so they
          never cover the fields they point to. */}
      {saveErrCount > 0 && (
        <ProblemList id="rt-problems" problems={p.saveErrors} configs={[c]} userName={p.userName}
          title={p.error?.status === 422 ? `The draft was not saved: ${plural(saveErrCount, 'problem')}` : `It cannot be published yet: ${plural(saveErrCount, 'problem')}`} />
      )}
      {saveErrCount === 0 && problemCount > 0 && p.showProblems && (
        <ProblemList id="rt-problems" problems={p.problems} configs={[c]} userName={p.userName}
          title={`To publish, fix ${plural(problemCount, 'problem')}${p.dirty ? ' (as of the last save)' : ''}`}
          onHide={() => p.setShowProblems(false)} />
      )}
      {p.error && !(p.error.status === 422 && saveErrCount > 0) && <ErrorBox error={p.error} />}
      <div class="rt-actions" role="region" aria-label="Save and publish">
        <div class="row">
          <button type="button" class="btn" aria-disabled={!p.dirty || !!p.busy || undefined} onClick={() => p.dirty && !p.busy && p.save()}>
            {p.busy === 'save' ? 'Saving…' : 'Save draft'}
          </button>
          <button type="button" class="btn btn-primary" aria-disabled={!!p.busy || nothingNew || undefined} aria-describedby="rt-draft-state"
            onClick={() => !p.busy && !nothingNew && p.publish()}>
            {p.busy === 'publish' ? 'Publishing…' : p.dirty ? 'Save and publish' : 'Publish'}
          </button>
          {p.dirty && (
            <button type="button" class="btn btn-ghost" onClick={p.discard}>
              Discard changes
            </button>
          )}
          <span role="status" class="saved">
            {p.said}
          </span>
          <span class="muted rt-draft-state" id="rt-draft-state">
            {p.dirty ? 'Unsaved changes' : p.savedAt ? `Draft saved ${when(p.savedAt)}` : 'Draft not saved yet'}
            {nothingNew ? ' · same as live: nothing to publish' : ''}
            {(saveErrCount > 0 || problemCount > 0) && (
              <>
                {' · '}
                <button type="button" class="btn btn-small rt-show-problems"
                  onClick={() => {
                    p.setShowProblems(true)
                    requestAnimationFrame(() => document.getElementById('rt-problems')?.focus())
                  }}>
                  {saveErrCount > 0
                    ? `${plural(saveErrCount, 'problem')}: ${p.error?.status === 422 ? 'not saved' : 'not published'}`
                    : `${plural(problemCount, 'problem')} to fix before publishing`}
                </button>
              </>
            )}
          </span>
        </div>
      </div>
    </div>
  )
}

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`
