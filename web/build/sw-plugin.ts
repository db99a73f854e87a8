// Vite plugin: compiles src/sw.ts into dist/sw.js, injecting the precache list (index.html and every emitted file,
// plus the files of public/) and a version hash of their contents, so that a new build installs a new worker.
import { minify, transformWithOxc, type Plugin, type ResolvedConfig } from 'vite';

const PRECACHE_PLACEHOLDER = '__TICKR_PRECACHE__';
const VERSION_PLACEHOLDER = '__TICKR_SW_VERSION__';

/** Files of the build that the worker must not precache. */
function skipped(fileName: string): boolean {
  return fileName.startsWith('.vite/') || fileName.endsWith('.map') || fileName === 'sw.js' || fileName.endsWith('.tickr-build-stamp');
}

async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function serviceWorker(options: { source?: string } = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'tickr:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle(_, bundle) {
      const fs = this.fs;
      const source = `${config.root}/${options.source ?? 'src/sw.ts'}`;
      const base = config.base.endsWith('/') ? config.base : `${config.base}/`;

      // What the build emitted (index.html included: Vite emits it before post plugins run), then public/.
      const files = new Map<string, string>();
      for (const [fileName, output] of Object.entries(bundle)) {
        if (skipped(fileName)) continue;
        const content =
          output.type === 'chunk' ? output.code : typeof output.source === 'string' ? output.source : await sha256Hex(output.source);
        files.set(fileName, content);
      }
      const publicDir = config.publicDir;
      if (publicDir) {
        const walk = async (dir: string, prefix: string): Promise<void> => {
          let entries: Array<{ name: string; isDirectory(): boolean }>;
          try {
            entries = await fs.readdir(dir, { withFileTypes: true });
          } catch {
            return;
          }
          for (const entry of entries) {
            const rel = `${prefix}${entry.name}`;
            if (entry.isDirectory()) await walk(`${dir}/${entry.name}`, `${rel}/`);
            else if (!skipped(rel) && !files.has(rel)) {
              const bytes = await fs.readFile(`${dir}/${entry.name}`);
              files.set(rel, await sha256Hex(bytes));
            }
          }
        };
        await walk(publicDir, '');
      }
      if (!files.has('index.html')) files.set('index.html', '');

      const names = [...files.keys()].sort();
      const precache = names.map((name) => `${base}${name}`);
      const code = await fs.readFile(source, { encoding: 'utf8' });
      const version = (await sha256Hex(names.map((n) => `${n}\n${files.get(n)}`).join('\n') + code)).slice(0, 16);

      const stripped = await transformWithOxc(code, 'sw.ts', { lang: 'ts', target: 'es2020' });
      const injected = stripped.code
        .replace(/^export\s*\{\s*\};?\s*$/m, '')
        .replaceAll(PRECACHE_PLACEHOLDER, JSON.stringify(precache))
        .replaceAll(VERSION_PLACEHOLDER, JSON.stringify(version));
      if (injected.includes(PRECACHE_PLACEHOLDER) || injected.includes(VERSION_PLACEHOLDER)) {
        this.error('sw.ts: the precache list or version was not injected.');
      }
      const minified = config.build.minify ? (await minify('sw.js', injected, { compress: true, mangle: true })).code : injected;
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: minified });
    },
  };
}
