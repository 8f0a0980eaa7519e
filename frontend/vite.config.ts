import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands in target/classes/public so Maven packages it into the
// frontend jar; the backend serves it from classpath:public.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/public',
    emptyOutDir: true,
  },
});
