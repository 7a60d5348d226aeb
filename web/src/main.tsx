import { render } from 'preact'
import { App } from './App'
import { startRouter } from './router'
import { restore, startSessionWatch } from './session'
import './styles.css'

startRouter()
startSessionWatch()
restore()
render(<App />, document.getElementById('app')!)
