// A timer in a dedicated worker: the browser throttles a hidden tab's own
// timers (to one a minute after a few minutes), which would let the
// heartbeat lapse while the agent is still at their desk in another tab.
// The page posts the interval in milliseconds (0 stops); the worker posts
// 'tick'.
let timer: ReturnType<typeof setInterval> | undefined

self.onmessage = (e: MessageEvent<number>) => {
  clearInterval(timer)
  timer = e.data > 0 ? setInterval(() => self.postMessage('tick'), e.data) : undefined
}
