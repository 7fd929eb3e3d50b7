// Checks the tools a local run needs and says, one line each, what is missing and how to get it.
import { spawnSync } from 'node:child_process';

export const MIN_DOTNET_MAJOR = 10;
export const MIN_NODE_MAJOR = 20;
export const FUNC_MAJOR = 4;

const HOW = {
  dotnet: 'install the .NET 10 SDK: https://dotnet.microsoft.com/download/dotnet/10.0',
  node: 'install Node.js 20 or later: https://nodejs.org/en/download',
  func: 'install Azure Functions Core Tools v4: `npm install -g azure-functions-core-tools@4` '
    + '(or see https://learn.microsoft.com/azure/azure-functions/functions-run-local); '
    + 'without it, `npm start -- --no-functions` runs Azurite and the sandbox only',
};

/**
 * Runs a command and returns { status, stdout, stderr, error }. `status` is null when the command
 * could not be started (error.code ENOENT when it is not on the PATH).
 */
export function defaultRunner(env = process.env) {
  return (command, args) => {
    const result = spawnSync(command, args, {
      env,
      encoding: 'utf8',
      timeout: 60_000,
      // Windows finds func.cmd / npm.cmd only through the shell.
      shell: process.platform === 'win32',
      windowsHide: true,
    });
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
  };
}

function major(version) {
  const match = /^v?(\d+)\./.exec(String(version).trim());
  return match ? Number(match[1]) : NaN;
}

/** The highest SDK version listed by `dotnet --list-sdks` (lines like `10.0.401 [/usr/lib/dotnet/sdk]`). */
export function highestSdk(listSdksOutput) {
  const versions = String(listSdksOutput)
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/)[0])
    .filter((v) => /^\d+\.\d+\.\d+/.test(v));
  versions.sort((a, b) => {
    const pa = a.split(/[.-]/).map(Number);
    const pb = b.split(/[.-]/).map(Number);
    for (let i = 0; i < 3; i++) {
      if (pa[i] !== pb[i]) return pa[i] - pb[i];
    }
    return 0;
  });
  return versions.at(-1);
}

function notRunnable(result) {
  return result.status === null || result.error !== undefined;
}

/**
 * Checks .NET SDK, Node.js and (unless `needFunc` is false) Core Tools.
 * Returns { ok, found: {tool: version}, missing: [{ tool, line }] }: one line per missing tool,
 * naming it and how to get it.
 */
export function checkPrerequisites({ run = defaultRunner(), nodeVersion = process.versions.node, needFunc = true } = {}) {
  const found = {};
  const missing = [];

  const sdks = run('dotnet', ['--list-sdks']);
  if (notRunnable(sdks)) {
    missing.push({ tool: 'dotnet', line: `.NET SDK ${MIN_DOTNET_MAJOR} is missing (no \`dotnet\` on the PATH); ${HOW.dotnet}` });
  } else {
    const best = highestSdk(sdks.stdout);
    if (!best || major(best) < MIN_DOTNET_MAJOR) {
      missing.push({
        tool: 'dotnet',
        line: `.NET SDK ${MIN_DOTNET_MAJOR} is missing (found ${best ? `SDK ${best}` : 'no SDK'}); ${HOW.dotnet}`,
      });
    } else {
      found.dotnet = best;
    }
  }

  if (!(major(nodeVersion) >= MIN_NODE_MAJOR)) {
    missing.push({ tool: 'node', line: `Node.js ${MIN_NODE_MAJOR}+ is missing (found ${nodeVersion}); ${HOW.node}` });
  } else {
    found.node = String(nodeVersion).replace(/^v/, '');
  }

  if (needFunc) {
    const func = run('func', ['--version']);
    if (notRunnable(func) || (func.status !== 0 && !func.stdout.trim())) {
      missing.push({ tool: 'func', line: `Azure Functions Core Tools v${FUNC_MAJOR} is missing (no \`func\` on the PATH); ${HOW.func}` });
    } else {
      const version = func.stdout.trim().split(/\r?\n/).at(-1).trim();
      if (major(version) !== FUNC_MAJOR) {
        missing.push({ tool: 'func', line: `Azure Functions Core Tools v${FUNC_MAJOR} is missing (found \`func\` ${version}); ${HOW.func}` });
      } else {
        found.func = version;
      }
    }
  }

  return { ok: missing.length === 0, found, missing };
}
