// Builds the portal and console (web/src, Preact) into web/dist, which the API serves at /.
// esbuild bundles and minifies in well under a second, so `npm start` and the browser tests build
// it every time: nothing to remember, nothing stale.
import { cpSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const WEB_DIST = join(__dirname, '..', 'web', 'dist');

export async function buildWeb(): Promise<{ scriptBytes: number }> {
  const root = join(__dirname, '..', 'web');
  mkdirSync(WEB_DIST, { recursive: true });
  await build({
    entryPoints: { app: join(root, 'src', 'main.tsx') },
    outdir: WEB_DIST,
    // The statechart's renderer (mermaid, ~2 MB) is a chunk loaded when a user opens the diagram,
    // so the first load stays small.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  cpSync(join(root, 'public'), WEB_DIST, { recursive: true });
  return { scriptBytes: statSync(join(WEB_DIST, 'app.js')).size };
}

if (require.main === module) {
  buildWeb().then(
    ({ scriptBytes }) => console.log(`web: built ${WEB_DIST} (app.js ${(scriptBytes / 1024).toFixed(1)} KB)`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
