import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm start` listens; the dev server forwards the API to it. */
const api = process.env.REGIETAFEL_API ?? 'http://localhost:4000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The dashboard stays small; the explorer (GraphiQL, Monaco) is its own lazily loaded chunk.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // GraphiQL's React-compiler directives ("use no memo") are harmless when bundled: keep the log readable.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/export': { target: api, changeOrigin: true },
      '/auth': { target: api, changeOrigin: true },
    },
  },
});
