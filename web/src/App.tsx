import { Component, type ComponentChildren } from 'preact'
import { useEffect } from 'preact/hooks'
import { NETWORK_MESSAGE } from './api/client'
import { ReauthDialog } from './components/ReauthDialog'
import { Shell } from './components/Shell'
import { lazyPage } from './components/lazy'
import { Loading } from './components/ui'
import { NotFound } from './pages/NotFound'
import { RecordForm } from './pages/RecordForm'
import { RecordList } from './pages/RecordList'
import { RecordView } from './pages/RecordView'
import { ResolveRecord } from './pages/ResolveRecord'
import { SignIn } from './pages/SignIn'
import { TasksPage } from './pages/TasksPage'
import { location, navigate, parseRoute, pathFor, type Route } from './router'
import { auth, reauthOpen, restore } from './session'

// Admin settings and CSV import are used rarely: their code loads on demand.
const SettingsPage = lazyPage(() => import('./pages/SettingsPage').then((m) => m.SettingsPage))
const AccountPage = lazyPage(() => import('./pages/AccountPage').then((m) => m.AccountPage))
const ImportPage = lazyPage(() => import('./pages/ImportPage').then((m) => m.ImportPage))
const CallLogPage = lazyPage(() => import('./pages/CallLogPage').then((m) => m.CallLogPage))
const MissedCallsPage = lazyPage(() => import('./pages/MissedCallsPage').then((m) => m.MissedCallsPage))
const RoutingPage = lazyPage(() => import('./pages/routing/RoutingPage').then((m) => m.RoutingPage))

class Boundary extends Component<{ children: ComponentChildren }, { error: Error | null }> {
  state = { error: null as Error | null }
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  componentDidCatch(error: Error) {
    console.error('render failed', error)
  }
  render() {
    if (this.state.error) {
      return (
        <div class="alert alert-error page-error" role="alert">
          <p>Something went wrong on this page: {this.state.error.message}</p>
          <button type="button" class="btn" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      )
    }
    return this.props.children
  }
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'list':
      return <RecordList key={route.kind} kind={route.kind} />
    case 'record':
      return <RecordView key={`${route.kind}:${route.id}`} kind={route.kind} id={route.id} />
    case 'new':
      return <RecordForm key={`new:${route.kind}`} kind={route.kind} />
    case 'edit':
      return <RecordForm key={`edit:${route.kind}:${route.id}`} kind={route.kind} id={route.id} />
    case 'resolve':
      return <ResolveRecord key={route.id} id={route.id} />
    case 'tasks':
      return <TasksPage />
    case 'import':
      return <ImportPage />
    case 'settings':
      return <SettingsPage tab={route.tab} />
    case 'routing':
      return <RoutingPage key={route.number} number={route.number} />
    case 'account':
      return <AccountPage />
    case 'missed':
      return <MissedCallsPage />
    case 'calls':
      return <CallLogPage />
    case 'notfound':
      return <NotFound />
    default:
      return null
  }
}

export function App() {
  const l = location.value
  const route = parseRoute(l.path, l.search)
  const state = auth.value

  useEffect(() => {
    if (state === 'signedOut' && route.name !== 'signin') {
      navigate(pathFor({ name: 'signin', next: l.path + l.search }), { replace: true, force: true })
    } else if (state === 'signedIn' && (route.name === 'signin' || route.name === 'home')) {
      navigate(route.name === 'signin' ? route.next : '/contacts', { replace: true, force: true })
    }
  }, [state, route.name, l.path, l.search])

  if (state === 'loading') return <Loading label="Loading Switchboard…" />
  if (state === 'unreachable') {
    return (
      <div class="center-page">
        <div class="alert alert-error" role="alert">
          <p>{NETWORK_MESSAGE}</p>
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => {
              auth.value = 'loading'
              restore()
            }}
          >
            Retry
          </button>
        </div>
      </div>
    )
  }
  if (state === 'signedOut') return route.name === 'signin' ? <SignIn next={route.next} /> : <Loading />
  if (route.name === 'signin' || route.name === 'home') return <Loading />
  return (
    <>
      <Shell>
        <Boundary key={l.path}>
          <Page route={route} />
        </Boundary>
      </Shell>
      {reauthOpen.value && <ReauthDialog />}
    </>
  )
}
