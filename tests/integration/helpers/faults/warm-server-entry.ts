/**
 * A sync server process started ahead of need, so a restart after a kill
 * costs little: the server's code is loaded now; the first stdin line names
 * the data directory, and then sync-server/main.ts starts on it as usual.
 * Should the test process die without stopping it, it exits too.
 */
import { stdin } from 'node:process';

const testProcess = process.ppid;
setInterval(() => {
  if (process.ppid !== testProcess) process.exit(0);
}, 500).unref();

await import('../../../../sync-server/build-server.js');
const line = await new Promise<string>((resolve) => {
  let received = '';
  stdin.setEncoding('utf8');
  stdin.on('data', (chunk: string) => {
    received += chunk;
    const end = received.indexOf('\n');
    if (end >= 0) resolve(received.slice(0, end));
  });
});
Object.assign(process.env, JSON.parse(line) as Record<string, string>);
await import('../../../../sync-server/main.js');
