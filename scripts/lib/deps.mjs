// The npm dev dependencies (Azurite): installed with `npm ci` when missing, so a fresh clone needs no other step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function nodeModulesPresent(root) {
  return existsSync(join(root, 'node_modules', 'azurite', 'package.json'));
}

/**
 * Runs `npm ci` (or `npm install` without a lockfile) at `root` when node_modules/azurite is missing.
 * Returns 'present' or 'installed'; throws with npm's exit code otherwise.
 */
export function ensureNodeModules(root, { run = defaultNpm, log = console.log } = {}) {
  if (nodeModulesPresent(root)) {
    return 'present';
  }
  const command = existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install';
  log(`node_modules/azurite is missing: running \`npm ${command}\` ...`);
  const status = run([command, '--no-audit', '--no-fund'], root);
  if (status !== 0 || !nodeModulesPresent(root)) {
    throw new Error(`\`npm ${command}\` failed (exit ${status}); run it yourself at ${root} to see why.`);
  }
  return 'installed';
}

function defaultNpm(args, cwd) {
  const result = spawnSync('npm', args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status;
}
