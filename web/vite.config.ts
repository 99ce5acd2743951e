import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Where a local API listens for `vite` (development): the extranet talks only to it. */
const api = process.env.RELANCE_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The landlord extranet, built into dist/web and served by Relance at /app (src/web).
 * No inline script or style in the output: the pages run under a strict CSP.
 */
export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
    rollupOptions: {
      // Libraries change less often than the pages: their files stay cached across releases.
      output: { manualChunks: { react: ['react', 'react-dom', 'react-router-dom'], apollo: ['@apollo/client'] } },
    },
  },
  server: {
    proxy: { '/graphql': api, '/auth': api, '/documents': api },
  },
});
