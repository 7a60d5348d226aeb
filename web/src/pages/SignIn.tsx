import { useState } from 'preact/hooks'
import { ApiError } from '../api/client'
import { useTitle } from '../hooks'
import { navigate } from '../router'
import { signIn } from '../session'

export function SignIn({ next }: { next: string }) {
  useTitle('Sign in')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(email, password)
      navigate(next, { replace: true, force: true })
    } catch (err) {
      setError(err as ApiError)
      setBusy(false)
    }
  }

  return (
    <div class="center-page">
      <main class="card signin" id="main">
        <h1>Sign in to Switchboard</h1>
        {next !== '/contacts' && <p class="hint">Sign in to continue where you were.</p>}
        <form onSubmit={submit} class="stack" noValidate>
          {error && (
            <div class="alert alert-error" role="alert">
              {error.message}
            </div>
          )}
          <div class="field">
            <label for="email">E-mail</label>
            <input id="email" name="email" type="email" autoComplete="username" required autoFocus value={email}
              onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required value={password}
              onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  )
}
