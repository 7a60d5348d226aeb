// My account: who I am, and my API tokens (R-ORG-2) — created here, shown
// once, revocable.
import { useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import type { APITokenBody } from '../api/types'
import { ErrorBox, Field, Loading, PageHeading } from '../components/ui'
import { when } from '../format'
import { useAsync, useTitle } from '../hooks'
import { me, org } from '../session'

export function AccountPage() {
  useTitle('My account')
  const user = me.value
  return (
    <section class="stack">
      <PageHeading>My account</PageHeading>
      <section class="panel" aria-labelledby="me-h">
        <h2 id="me-h">Profile</h2>
        <dl class="fields">
          <div><dt>Name</dt><dd>{user?.name}</dd></div>
          <div><dt>E-mail</dt><dd>{user?.email}</dd></div>
          <div><dt>Role</dt><dd>{user?.role}</dd></div>
          <div><dt>Organisation</dt><dd>{org.value?.name}</dd></div>
          <div><dt>Forwarding number</dt><dd>{user?.forwarding_number || <span class="muted">— (an admin sets it)</span>}</dd></div>
        </dl>
      </section>
      <Tokens />
    </section>
  )
}

function Tokens() {
  const list = useAsync(() => api.tokens(), [])
  const [name, setName] = useState('')
  const [created, setCreated] = useState<APITokenBody | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [copied, setCopied] = useState(false)

  const create = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    setCopied(false)
    try {
      const t = await api.createToken(name.trim())
      setCreated(t)
      setName('')
      list.reload()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const revoke = async (t: APITokenBody) => {
    if (!window.confirm(`Revoke the token “${t.name}”? Programs using it stop working at once.`)) return
    setError(null)
    try {
      await api.deleteToken(t.id)
      if (created?.id === t.id) setCreated(null)
      list.reload()
    } catch (err) {
      setError(toApiError(err))
    }
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created!.token!)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }

  return (
    <section class="panel" aria-labelledby="tokens-h">
      <h2 id="tokens-h">API tokens</h2>
      <p class="hint">
        A token lets a program use the REST API as you: send it as <code>Authorization: Bearer &lt;token&gt;</code>. It is
        shown once, when it is created.
      </p>
      {created?.token && (
        <div class="alert alert-info token-once" role="status">
          <p>
            New token “{created.name}” — copy it now, it will not be shown again:
          </p>
          <code class="token">{created.token}</code>
          <button type="button" class="btn btn-small" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
      <form class="task-form" onSubmit={create}>
        <Field label="Token name" name="token-name" error={error?.fields.name} hint="What will use it, e.g. “billing sync”" class="grow">
          {(a) => <input {...a} value={name} maxLength={100} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
        <button type="submit" class="btn btn-primary" disabled={busy || !name.trim()}>
          Create token
        </button>
      </form>
      {error && !error.fields.name && <ErrorBox error={error} />}
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p class="empty">You have no API tokens.</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <caption class="sr-only">Your API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                  <th scope="col" class="wide-only">Last used</th>
                  <th scope="col"><span class="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{t.name}</th>
                    <td>{when(t.created_at)}</td>
                    <td class="wide-only">{t.last_used_at ? when(t.last_used_at) : 'never'}</td>
                    <td>
                      <button type="button" class="btn btn-small btn-danger" onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  )
}
