import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    // Lists every chunk with its gzip size; the first-load figure comes from here.
    reportCompressedSize: true,
  },
});
