// The call queue (R-IN-13): callers who cannot be connected yet wait, up to
// a number of callers and minutes, hearing music and an announcement.
import { useState } from 'preact/hooks'
import type { Queue } from './api'
import { Num, Radios, Text, Toggle, type Errs } from './parts'
import { QUEUE_LIMITS } from './tree'

type Announcement = 'none' | 'all_agents_busy' | 'call_important' | 'please_hold' | 'custom'

// The stock announcements, as internal/routing/config.go says them.
export const ANNOUNCEMENTS: { value: Announcement; label: string; text: string }[] = [
  { value: 'all_agents_busy', label: 'All agents busy', text: 'All our agents are busy. Please stay on the line; your call will be answered shortly.' },
  { value: 'call_important', label: 'Your call is important', text: 'Your call is important to us. Please stay on the line.' },
  { value: 'please_hold', label: 'Please hold', text: 'Please hold. The next available agent will take your call.' },
  { value: 'custom', label: 'My own text', text: '' },
  { value: 'none', label: 'No announcement', text: '' },
]

export function QueueEditor({ queue: q, errs, onChange }: { queue: Queue; errs: Errs; onChange: (q: Queue) => void }) {
  const set = (patch: Partial<Queue>) => onChange({ ...q, ...patch })
  const ann = (q.announcement || 'all_agents_busy') as Announcement
  const stock = ANNOUNCEMENTS.find((a) => a.value === ann)
  const [music, setMusicChoice] = useState<'default' | 'url'>(q.hold_music_url ? 'url' : 'default')
  const setMusic = (m: 'default' | 'url') => {
    setMusicChoice(m)
    if (m === 'default') set({ hold_music_url: '' })
  }
  return (
    <div class="stack">
      <Toggle path="queue.enabled" label="Queue callers who cannot be connected" errs={errs} checked={q.enabled}
        hint="Off: when everyone is busy, callers hear the busy message" onChange={(on) => set({ enabled: on })} />
      {q.enabled && (
        <>
          <div class="rt-row">
            <Num path="queue.max_callers" label="Callers waiting at most" errs={errs} value={q.max_callers} min={QUEUE_LIMITS.callers[0]}
              max={QUEUE_LIMITS.callers[1]} hint="1–25; one more hears the busy message" onChange={(v) => set({ max_callers: v })} />
            <Num path="queue.max_wait_minutes" label="Each waits at most" unit="min" errs={errs} value={q.max_wait_minutes}
              min={QUEUE_LIMITS.wait[0]} max={QUEUE_LIMITS.wait[1]} hint="1–25 min; then the unavailable path" onChange={(v) => set({ max_wait_minutes: v })} />
          </div>
          <Radios path="queue.hold_music" legend="Hold music" value={music} inline errs={errs} onChange={setMusic}
            choices={[
              { value: 'default', label: 'Default music' },
              { value: 'url', label: 'Music at a URL' },
            ]} />
          {music === 'url' && (
            <Text path="queue.hold_music_url" label="Hold music URL" type="url" inputMode="url" value={q.hold_music_url} errs={errs}
              placeholder="https://…/music.mp3" onInput={(v) => set({ hold_music_url: v })} />
          )}
          <div class="field">
            <label for="rt-queue-announcement">Announcement</label>
            <select id="rt-queue-announcement" value={ann} aria-invalid={errs['queue.announcement'] ? true : undefined}
              aria-describedby="rt-queue-announcement-hint" onChange={(e) => set({ announcement: (e.currentTarget as HTMLSelectElement).value })}>
              {ANNOUNCEMENTS.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>
            <p class="hint" id="rt-queue-announcement-hint">
              {stock?.text ? `“${stock.text}”` : ann === 'none' ? 'Callers hear only the music.' : 'Write the text below.'}
            </p>
            {errs['queue.announcement'] && <p class="field-error">{errs['queue.announcement']}</p>}
          </div>
          {ann === 'custom' && (
            <Text path="queue.announcement_text" label="Announcement text" rows={2} value={q.announcement_text} errs={errs} maxLength={500}
              onInput={(v) => set({ announcement_text: v })} />
          )}
          {ann !== 'none' && (
            <Num path="queue.announcement_every_seconds" label="Repeat the announcement every" unit="s" errs={errs}
              value={q.announcement_every_seconds} min={QUEUE_LIMITS.every[0]} max={QUEUE_LIMITS.every[1]} hint="At most every 30 s"
              onChange={(v) => set({ announcement_every_seconds: v })} />
          )}
        </>
      )}
    </div>
  )
}
