// Shown over the page when the session expired: the page (and anything
// typed in it) stays as it is underneath; once signed in again, the request
// that failed is retried.
import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError } from '../api/client'
import { giveUp, me, signIn } from '../session'

export function ReauthDialog() {
  const dialog = useRef<HTMLDialogElement>(null)
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const email = me.value?.email || ''
  const [emailInput, setEmailInput] = useState(email)

  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
  }, [])

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(emailInput, password)
    } catch (err) {
      setError(err as ApiError)
      setBusy(false)
    }
  }

  const leave = () => {
    if (
      window.confirm(
        'Go to the sign-in page without saving? Record forms and notes you were typing are kept in this tab and come back when you open them again; other unsaved changes are lost.',
      )
    )
      giveUp()
  }

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="reauth-title"
      onCancel={(e) => e.preventDefault()}
    >
      <form onSubmit={submit} class="stack">
        <h2 id="reauth-title">Your session has expired</h2>
        <p>
          Sign in again to carry on. <strong>What you typed on this page is kept</strong>, and what you were saving will be
          sent once you are signed in.
        </p>
        {error && (
          <div class="alert alert-error" role="alert">
            {error.message}
          </div>
        )}
        <div class="field">
          <label for="reauth-email">E-mail</label>
          <input id="reauth-email" type="email" autoComplete="username" value={emailInput} required
            onInput={(e) => setEmailInput((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="reauth-password">Password</label>
          <input id="reauth-password" type="password" autoComplete="current-password" value={password} required autoFocus
            onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in and continue'}
          </button>
          <button type="button" class="btn" onClick={leave}>
            Go to the sign-in page
          </button>
        </div>
      </form>
    </dialog>
  )
}
