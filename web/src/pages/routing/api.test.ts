import { describe, expect, it } from 'vitest'
import { audioType, audioURL } from './api'

describe('audioType', () => {
  it.each([
    [{ type: 'audio/mpeg', name: 'a.mp3' }, 'audio/mpeg'],
    [{ type: 'audio/mp3', name: 'a.mp3' }, 'audio/mpeg'],
    [{ type: 'audio/wav', name: 'a.wav' }, 'audio/wav'],
    [{ type: 'audio/x-wav', name: 'a.wav' }, 'audio/x-wav'],
    [{ type: 'audio/wave', name: 'a.wav' }, 'audio/wav'],
    [{ type: '', name: 'Greeting.MP3' }, 'audio/mpeg'],
    [{ type: 'application/octet-stream', name: 'menu.wav' }, 'audio/wav'],
    [{ type: 'audio/ogg', name: 'a.ogg' }, null],
    [{ type: 'text/plain', name: 'a.wav' }, null],
  ])('%o → %s', (f, want) => expect(audioType(f)).toBe(want))
  it('builds the preview URL', () => expect(audioURL('aud_1 2')).toBe('/api/v1/audio/aud_1%202'))
})
