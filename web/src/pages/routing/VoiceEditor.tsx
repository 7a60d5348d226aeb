// Voice settings and messages (R-IN-3, R-IN-4, R-IN-10): the format, the
// text-to-speech voice and language, and the welcome, menu, busy and
// unavailable messages as text, an uploaded audio file or an audio URL.
import { useEffect, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import type { AudioFile, Config, Message, Voice } from './api'
import { audioType, audioURL, rt } from './api'
import { idFor } from './paths'
import { Radios, Text, type Errs } from './parts'
import { KEY_VAR, MENU_VAR, missingVars, multiLevel, renderTemplate } from './tree'

const VOICES = [
  'Polly.Joanna', 'Polly.Matthew', 'Polly.Salli', 'Polly.Joey', 'Polly.Amy', 'Polly.Brian', 'Polly.Emma', 'Polly.Celine', 'Polly.Mathieu',
  'Polly.Lea', 'Polly.Marlene', 'Polly.Hans', 'Polly.Conchita', 'Polly.Enrique', 'Polly.Lucia', 'Polly.Carla', 'Polly.Giorgio',
  'Polly.Joanna-Neural', 'Google.en-US-Standard-C', 'Google.en-GB-Standard-A', 'Google.fr-FR-Standard-A', 'alice', 'man', 'woman',
]
const LANGUAGES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'fr-FR', 'fr-CA', 'de-DE', 'es-ES', 'es-MX', 'it-IT', 'nl-NL', 'pt-BR', 'pt-PT', 'ja-JP']

type Format = 'text' | 'audio_file' | 'audio_url'
type MsgName = 'welcome' | 'menu' | 'busy' | 'unavailable'

const MESSAGES: { name: MsgName; label: string; hint: string }[] = [
  { name: 'welcome', label: 'Welcome message', hint: 'Played first to every caller. Optional.' },
  { name: 'menu', label: 'Menu message', hint: 'Played for each option of an IVR menu.' },
  { name: 'busy', label: 'Busy message', hint: 'When every user who could take the call is on another call (and the queue is off or full).' },
  { name: 'unavailable', label: 'Unavailable message', hint: 'When the number is offline or closed, or nobody answers, and neither forwarding nor voicemail takes the call.' },
]

/** Audio is the org's uploaded files, shared by every audio-file picker. */
export interface AudioList {
  /** null while loading; undefined when the server has no audio uploads. */
  items: AudioFile[] | null | undefined
  error: ApiError | null
  add: (f: AudioFile) => void
}

export function useAudioList(wanted: boolean): AudioList {
  const [items, setItems] = useState<AudioFile[] | null | undefined>(null)
  const [error, setError] = useState<ApiError | null>(null)
  useEffect(() => {
    if (!wanted || items) return
    const ctl = new AbortController()
    rt.audio(ctl.signal).then(
      (l) => setItems(l.items),
      (e) => {
        const err = toApiError(e)
        if (ctl.signal.aborted) return
        if (err.status === 404 || err.status === 405) setItems(undefined)
        else setError(err)
      },
    )
    return () => ctl.abort()
  }, [wanted])
  return { items, error, add: (f) => setItems((l) => [f, ...(l || []).filter((x) => x.id !== f.id)]) }
}

export function VoiceEditor({ config: c, errs, onChange, audio }: { config: Config; errs: Errs; onChange: (v: Voice) => void; audio: AudioList }) {
  const v = c.voice
  const set = (patch: Partial<Voice>) => onChange({ ...v, ...patch })
  const format = (v.format || 'text') as Format
  const multi = c.mode === 'ivr' && multiLevel(c.menu)
  const audioRefusal = multi ? 'A menu with sub-menus supports only text (R-IN-3).' : null
  return (
    <div class="stack">
      <Radios<Format>
        path="voice.format"
        legend="Messages are"
        value={format}
        errs={errs}
        onChange={(f) => set({ format: f })}
        choices={[
          { value: 'text', label: 'Text, spoken by the carrier', hint: 'Choose the voice and language below' },
          { value: 'audio_file', label: 'Uploaded audio files', hint: 'MP3 or WAV', refused: audioRefusal },
          { value: 'audio_url', label: 'Audio at a URL', hint: 'An http(s) address the carrier can fetch', refused: audioRefusal },
        ]}
      />
      <div class="rt-row">
        <Text path="voice.voice" label="Voice" value={v.voice} errs={errs} list="rt-voices" placeholder="Polly.Joanna"
          hint="Empty for the carrier’s default; also used for queue announcements" onInput={(x) => set({ voice: x })} />
        <Text path="voice.language" label="Language" value={v.language} errs={errs} list="rt-languages" placeholder="en-US"
          hint="A tag like en-US or fr-FR" onInput={(x) => set({ language: x })} />
        <datalist id="rt-voices">
          {VOICES.map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
        <datalist id="rt-languages">
          {LANGUAGES.map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
      </div>
      {MESSAGES.map((m) => (
        <MessageEditor key={m.name} name={m.name} label={m.label} format={format} config={c} errs={errs} audio={audio}
          hint={m.name === 'menu' && c.mode !== 'ivr' ? 'Used only in IVR mode.' : m.hint}
          message={v[m.name]} onChange={(msg) => set({ [m.name]: msg })} />
      ))}
    </div>
  )
}

function MessageEditor(p: {
  name: MsgName
  label: string
  hint: string
  format: Format
  config: Config
  message: Message
  errs: Errs
  audio: AudioList
  onChange: (m: Message) => void
}) {
  const path = `voice.${p.name}`
  const m = p.message
  const set = (patch: Partial<Message>) => p.onChange({ ...m, ...patch })
  return (
    <fieldset class="rt-message" id={idFor(path)} tabIndex={-1}>
      <legend>{p.label}</legend>
      <p class="hint">{p.hint}</p>
      {p.format === 'text' && p.name === 'menu' && <MenuTemplate {...p} set={set} />}
      {p.format === 'text' && p.name !== 'menu' && (
        <Text path={`${path}.text`} label="Text" name={`${p.label} text`} rows={2} value={m.text} errs={p.errs} onInput={(x) => set({ text: x })} />
      )}
      {p.format === 'audio_url' && (
        <Text path={`${path}.audio_url`} label="Audio URL" name={`${p.label} audio URL`} type="url" inputMode="url" value={m.audio_url || ''}
          placeholder="https://…/message.mp3" errs={p.errs} onInput={(x) => set({ audio_url: x })}
          hint={p.name === 'menu' ? 'One recording of the whole menu' : undefined} />
      )}
      {p.format === 'audio_file' && (
        <AudioPicker path={`${path}.audio_file_id`} label={p.label} value={m.audio_file_id || ''} errs={p.errs} audio={p.audio}
          onChange={(id) => set({ audio_file_id: id })} />
      )}
    </fieldset>
  )
}

/** MenuTemplate edits the text played for each option, which must contain
 * both variables, with buttons to insert them and a preview. */
function MenuTemplate(p: { config: Config; message: Message; errs: Errs; set: (m: Partial<Message>) => void }) {
  const t = p.message.text
  const missing = missingVars(t)
  const path = 'voice.menu.text'
  const insert = (v: string) => {
    const el = document.getElementById(idFor(path)) as HTMLTextAreaElement | null
    const at = el ? el.selectionStart : t.length
    const end = el ? el.selectionEnd : t.length
    p.set({ text: t.slice(0, at) + v + t.slice(end) })
    requestAnimationFrame(() => {
      el?.focus()
      el?.setSelectionRange(at + v.length, at + v.length)
    })
  }
  const opts = p.config.menu?.options || []
  const preview = opts.filter((o) => o.label.trim()).map((o) => renderTemplate(t, o.key, o.label.trim()))
  return (
    <>
      <Text path={path} label="Template" name="Menu message template" rows={2} value={t} errs={p.errs} onInput={(x) => p.set({ text: x })}
        hint={<>Must contain {KEY_VAR} (the key) and {MENU_VAR} (the option’s label).</>}
        warn={t.trim() && missing.length ? `Add ${missing.join(' and ')}: publishing needs both.` : null} />
      <div class="row">
        <button type="button" class="btn btn-small" onClick={() => insert(KEY_VAR)}>
          Insert {KEY_VAR}
        </button>
        <button type="button" class="btn btn-small" onClick={() => insert(MENU_VAR)}>
          Insert {MENU_VAR}
        </button>
      </div>
      {preview.length > 0 && missing.length === 0 && (
        <p class="hint rt-preview">
          Main menu, as heard: {preview.map((s) => `“${s}”`).join(' ')}
        </p>
      )}
    </>
  )
}

const size = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`)

/** AudioPicker chooses an uploaded audio file, or uploads a new one
 * (MP3 or WAV) and chooses it. */
function AudioPicker(p: { path: string; label: string; value: string; errs: Errs; audio: AudioList; onChange: (id: string) => void }) {
  const id = idFor(p.path)
  const error = p.errs[p.path]
  const [busy, setBusy] = useState(false)
  const [upErr, setUpErr] = useState<string | null>(null)
  const items = p.audio.items
  const upload = async (input: HTMLInputElement) => {
    const f = input.files?.[0]
    if (!f) return
    const type = audioType(f)
    if (!type) {
      setUpErr(`${f.name} is not an MP3 or WAV file.`)
      input.value = ''
      return
    }
    setBusy(true)
    setUpErr(null)
    try {
      const a = await rt.upload(f, f.name, type)
      p.audio.add(a)
      p.onChange(a.id)
    } catch (e) {
      const err = toApiError(e)
      const why = Object.values(err.fields)[0]
      setUpErr(why ? `${f.name} ${why}` : err.message)
    } finally {
      setBusy(false)
      input.value = ''
    }
  }
  const known = items?.some((a) => a.id === p.value)
  return (
    <div class="rt-audio">
      <div class={`field${error ? ' has-error' : ''}`}>
        <label for={id}>Audio file</label>
        <select id={id} aria-label={`${p.label} audio file`} value={p.value} disabled={items === null && !p.value}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{items === null ? 'Loading files…' : 'Choose a file…'}</option>
          {p.value && !known && <option value={p.value}>{p.value}</option>}
          {(items || []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({size(a.size)})
            </option>
          ))}
        </select>
        {error && <p class="field-error" id={`${id}-err`}>{error}</p>}
        {p.value && known && (
          <audio class="rt-player" controls preload="none" src={audioURL(p.value)} aria-label={`Listen to the ${p.label.toLowerCase()}`} />
        )}
      </div>
      {items === undefined ? (
        <p class="hint">This server does not take audio uploads yet: use text or an audio URL.</p>
      ) : (
        <div class="field">
          <label for={`${id}-upload`}>Upload a new file</label>
          <input id={`${id}-upload`} type="file" accept="audio/mpeg,audio/wav,.mp3,.wav" aria-label={`Upload a new ${p.label.toLowerCase()} file`}
            aria-describedby={`${id}-upload-hint`} disabled={busy} onChange={(e) => upload(e.currentTarget as HTMLInputElement)} />
          <p class="hint" id={`${id}-upload-hint`} role="status">
            {busy ? 'Uploading…' : 'MP3 or WAV; it becomes this message’s file.'}
          </p>
          {upErr && <p class="field-error" role="alert">{upErr}</p>}
        </div>
      )}
      {p.audio.error && <p class="field-error">Could not list the uploaded files: {p.audio.error.message}</p>}
    </div>
  )
}
