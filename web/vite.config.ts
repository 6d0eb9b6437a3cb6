import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server's Content-Security-Policy forbids inline scripts and styles, so
// the build must emit only files: no inlined assets as <style>, no module
// preload polyfill script.
const target = process.env.MAMORI_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    cssCodeSplit: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target, changeOrigin: false },
      '/healthz': { target },
    },
  },
  // `npm run preview`: the built files with the server's Content-Security-Policy,
  // so a CSP mistake shows up before it reaches the real server.
  preview: {
    host: '127.0.0.1',
    port: 4173,
    headers: {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    },
    proxy: {
      '/api': { target, changeOrigin: false },
      '/healthz': { target },
    },
  },
});
