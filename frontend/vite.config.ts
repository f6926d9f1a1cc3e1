import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const outDir = 'dist';

// `go:embed all:frontend/dist` needs the directory to exist on a fresh clone, so
// dist/.gitkeep is committed. Vite empties outDir before building: put it back.
function keepGitkeep(): Plugin {
  return {
    name: 'huddle-keep-gitkeep',
    apply: 'build',
    closeBundle() {
      writeFileSync(resolve(import.meta.dirname, outDir, '.gitkeep'), '');
    },
  };
}

// Wails serves frontend/dist (embedded in the production binary, or from disk via
// the `assetdir` setting of the dev binary). Relative asset URLs keep both working.
export default defineConfig({
  plugins: [svelte(), keepGitkeep()],
  base: './',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
  },
});
