// Port checks: is a port free, which of ours are taken, and what to say about it.
import { createConnection, createServer } from 'node:net';
import { PORTS } from './config.mjs';

/** True when nothing listens on the port (we can bind 127.0.0.1:port and nothing answers on ::1). */
export async function isPortFree(port) {
  const bindable = await new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!bindable) {
    return false;
  }
  return !(await canConnect(port, '::1', 300));
}

/** True when a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A port the OS says is free now (for tests). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Distinct free ports (for tests). */
export async function freePorts(count) {
  const ports = new Set();
  while (ports.size < count) {
    ports.add(await freePort());
  }
  return [...ports];
}

/** The one-line explanation for a taken port: what wanted it, how to find the holder, how to move ours. */
export function portInUseMessage(key, port) {
  const spec = PORTS[key];
  const find = process.platform === 'win32'
    ? `\`netstat -ano | findstr :${port}\``
    : `\`lsof -nP -iTCP:${port} -sTCP:LISTEN\``;
  return `Port ${port} (${spec.label}) is in use: stop the program holding it (find it with ${find}) `
    + `or choose another port with ${spec.env}, e.g. \`${spec.env}=${suggestion(port)} npm start\`.`;
}

function suggestion(port) {
  return port < 65535 ? port + 1 : port - 1;
}

/** Checks the given ports ({ key: port }); returns one message per taken port. */
export async function busyPorts(ports, isFree = isPortFree) {
  const messages = [];
  for (const [key, port] of Object.entries(ports)) {
    if (!(await isFree(port))) {
      messages.push(portInUseMessage(key, port));
    }
  }
  return messages;
}
