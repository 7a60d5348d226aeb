// The global search box: search as you type (R-CRM-4), results grouped by
// record type, one row per phone number, keyboard operable (combobox).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import type { SearchHit } from '../api/types'
import { useDebounced } from '../hooks'
import { kindPath, navigate } from '../router'
import { flatten, groupHits, hitDetail, hitKey, normaliseQuery } from '../search'

export function SearchBox() {
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [hits, setHits] = useState<SearchHit[] | null>(null)
  const [forQuery, setForQuery] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [active, setActive] = useState(-1)
  const [retry, setRetry] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const q = useDebounced(normaliseQuery(text), 120)

  useEffect(() => {
    if (!q) {
      setHits(null)
      setError(null)
      return
    }
    const ctl = new AbortController()
    api.search(q, ctl.signal).then(
      (r) => {
        setHits(r.items)
        setForQuery(q)
        setError(null)
        setActive(-1)
      },
      (e) => {
        if (!ctl.signal.aborted) setError(toApiError(e))
      },
    )
    return () => ctl.abort()
  }, [q, retry])

  // A layout effect: the "/" shortcut works from the moment the page is
  // shown, not only after the next frame (a key pressed in between was lost).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !t.closest('input, textarea, select, [contenteditable]')) {
        e.preventDefault()
        input.current?.focus()
      }
    }
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('mousedown', onDown)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('mousedown', onDown)
    }
  }, [])

  const groups = useMemo(() => groupHits(hits || []), [hits])
  const flat = useMemo(() => flatten(groups), [groups])
  const show = open && normaliseQuery(text) !== null && (hits !== null || error !== null)

  const choose = (h: SearchHit) => {
    setOpen(false)
    setText('')
    input.current?.blur() // the record page's heading takes focus
    navigate(`${kindPath(h.kind)}/${h.record_id}`)
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setOpen(true)
      setActive((i) => (flat.length ? (i + 1) % flat.length : -1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((i) => (flat.length ? (i <= 0 ? flat.length - 1 : i - 1) : -1))
    } else if (e.key === 'Enter') {
      const h = flat[active] || (flat.length === 1 ? flat[0] : undefined)
      if (h) {
        e.preventDefault()
        choose(h)
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault()
        setOpen(false)
      } else setText('')
    }
  }

  const optId = (i: number) => `search-opt-${i}`
  let i = -1
  return (
    <div class="search" ref={box}>
      <label for="global-search" class="sr-only">
        Search records
      </label>
      <input
        id="global-search"
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={show}
        aria-controls="search-results"
        aria-autocomplete="list"
        aria-keyshortcuts="/"
        title="Search names, companies, addresses and phone numbers (press / to jump here)"
        aria-activedescendant={show && active >= 0 ? optId(active) : undefined}
        placeholder="Search people, companies, numbers…"
        autoComplete="off"
        spellcheck={false}
        value={text}
        onInput={(e) => {
          setText((e.currentTarget as HTMLInputElement).value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {show && (
        <div class="search-results" id="search-results" role="listbox" aria-label="Search results">
          {error && (
            <div class="search-error" role="alert">
              {error.message}{' '}
              <button type="button" class="btn btn-small" onClick={() => setRetry((n) => n + 1)}>
                Retry
              </button>
            </div>
          )}
          {!error && flat.length === 0 && <p class="search-empty">No records match “{forQuery}”.</p>}
          {!error &&
            groups.map((g) => (
              <div role="group" aria-labelledby={`sg-${g.kind}`} key={g.kind} class="search-group">
                <div class="search-group-label" id={`sg-${g.kind}`} role="presentation">
                  {g.label}
                </div>
                {g.hits.map((h) => {
                  i++
                  const idx = i
                  const detail = hitDetail(h)
                  return (
                    <div
                      key={hitKey(h)}
                      id={optId(idx)}
                      role="option"
                      aria-selected={idx === active}
                      class={`search-hit${idx === active ? ' active' : ''}`}
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => choose(h)}
                      onMouseEnter={() => setActive(idx)}
                    >
                      <span class="hit-name">{h.name}</span>
                      {h.phone && (
                        <span class="hit-phone">
                          <span class="phone-label">{h.phone.label}</span> {h.phone.raw || h.phone.e164}
                        </span>
                      )}
                      {detail && <span class="hit-detail">{detail}</span>}
                    </div>
                  )
                })}
              </div>
            ))}
        </div>
      )}
      <span class="sr-only" aria-live="polite">
        {show && !error ? `${flat.length} results` : ''}
      </span>
    </div>
  )
}
