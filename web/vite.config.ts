import { defineConfig } from 'vitest/config'

// The app is built into dist/app, which web/embed.go embeds; dist/ itself
// holds the committed placeholder, so the build never touches a tracked file.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` against a server started with `switchboard serve --addr 127.0.0.1:8080`.
    proxy: { '/api': process.env.SWITCHBOARD_URL || 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.mjs'],
    environment: 'node',
  },
})
