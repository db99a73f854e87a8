import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { serviceWorker } from './build/sw-plugin.ts';

// The SPA is served by Tickr.Graph under /app/ (see docs/adr/0005-web-app.md). In development, `npm run dev`
// proxies /graphql (HTTP and WebSocket) to a local server started with
// `dotnet run --project src/Tickr.Graph --urls http://127.0.0.1:5199` (override with TICKR_API).
const api = process.env.TICKR_API ?? 'http://127.0.0.1:5199';

export default defineConfig({
  base: '/app/',
  plugins: [
    preact(),
    // dist/sw.js: the scanner's offline worker (precache of the build), see web/src/sw.ts.
    serviceWorker(),
  ],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
    },
  },
});
