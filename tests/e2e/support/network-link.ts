/**
 * The tablet's network in a test: a TCP link between the browser and the
 * server. Cutting it drops every open connection and refuses new ones, so
 * nothing reaches the server — unlike the browser's offline emulation, which
 * lets through requests a service worker passes on to the network. A test
 * can also hold one request mid-flight (see request-hold.ts).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from './product-server.js';
import { ConnectionTap, RequestHold, type HoldRule } from './request-hold.js';

export class NetworkLink {
  private readonly sockets = new Set<Socket>();
  private readonly armedHolds: RequestHold[] = [];
  private up = true;

  private constructor(
    private readonly listener: Server,
    readonly port: number,
  ) {}

  static async open(targetPort: () => number): Promise<NetworkLink> {
    const port = await freePort();
    const listener = createServer();
    const link = new NetworkLink(listener, port);
    listener.on('connection', (client) => link.carry(client, targetPort()));
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    return link;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  cut(): void {
    this.up = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.up = true;
  }

  /**
   * Holds the next request matching `rule` at its stall point until the
   * browser drops the connection (or the link is cut); later requests pass.
   */
  hold(rule: HoldRule): RequestHold {
    const hold = new RequestHold(rule);
    this.armedHolds.push(hold);
    return hold;
  }

  private claimHold(requestLine: string): RequestHold | null {
    const index = this.armedHolds.findIndex((hold) => hold.rule.request.test(requestLine));
    return index < 0 ? null : (this.armedHolds.splice(index, 1)[0] ?? null);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.listener.close(resolve));
  }

  private carry(client: Socket, targetPort: number): void {
    if (!this.up) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    const tap = new ConnectionTap((requestLine) => this.claimHold(requestLine));
    for (const [from, to, pass] of [
      [client, upstream, (chunk: Buffer) => tap.fromClient(chunk)],
      [upstream, client, (chunk: Buffer) => tap.fromServer(chunk)],
    ] as const) {
      this.sockets.add(from);
      from.on('data', (chunk: Buffer) => {
        const through = pass(chunk);
        if (through.length > 0) to.write(through);
      });
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        tap.closed();
        to.destroy();
      });
    }
  }
}
