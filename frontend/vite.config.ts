import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Django serves the build from STATIC_URL (/static/); the manifest maps entries to hashed files.
export default defineConfig({
  plugins: [react()],
  base: "/static/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    rollupOptions: { input: "src/main.tsx" },
    // The budget is 250 KB gzipped for the initial JS; the minified size itself is not the limit.
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
