/**
 * The tablet's network in a test: a TCP link between the browser and the
 * server. Cutting it drops every open connection and refuses new ones, so
 * nothing reaches the server — unlike the browser's offline emulation, which
 * lets through requests a service worker passes on to the network.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from './product-server.js';

export class NetworkLink {
  private readonly sockets = new Set<Socket>();
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
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}
