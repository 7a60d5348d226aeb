// The heartbeat (R-AG-1, docs/events.md): while the agent is online, every
// open tab proves it is alive by POST /api/v1/presence/heartbeat every
// interval_seconds; an agent whose beats stop is skipped by routing after
// the grace period.

/** Ticker calls tick every ms until stopped. */
export type Ticker = { stop(): void }

function workerTicker(ms: number, tick: () => void): Ticker | null {
  if (typeof Worker === 'undefined') return null
  try {
    const w = new Worker(new URL('./ticker.worker.ts', import.meta.url), { type: 'module' })
    w.onmessage = () => tick()
    w.postMessage(ms)
    return { stop: () => w.terminate() }
  } catch {
    return null
  }
}

/** startBeating beats now, then every intervalSeconds, and again whenever
 * the tab comes back into view; stop() ends it. */
export function startBeating(intervalSeconds: number, beat: () => void): Ticker {
  const ms = Math.max(1, intervalSeconds) * 1000
  beat()
  const t = workerTicker(ms, beat)
  const fallback = t ? undefined : setInterval(beat, ms)
  const onVisible = () => document.visibilityState === 'visible' && beat()
  document.addEventListener('visibilitychange', onVisible)
  return {
    stop() {
      t?.stop()
      clearInterval(fallback)
      document.removeEventListener('visibilitychange', onVisible)
    },
  }
}
