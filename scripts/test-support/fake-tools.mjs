// Helpers of the scripts' tests (kept out of scripts/test/, where `node --test` runs every .mjs file).
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A stand-in for a command on a fake PATH: a shell script (a .cmd file on Windows) printing one line. */
export function fakeTool(dir, name, output) {
  if (process.platform === 'win32') {
    writeFileSync(join(dir, `${name}.cmd`), `@echo ${output}\r\n`);
    return;
  }
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' '${output}'\n`);
  chmodSync(file, 0o755);
}

/** What a shell needs from the environment besides PATH (Windows: ComSpec, SystemRoot), plus `extra` names. */
export function shellEnv(extra = []) {
  const keep = ['ComSpec', 'SystemRoot', 'windir', 'PATHEXT', ...extra];
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => keep.includes(k)));
}
