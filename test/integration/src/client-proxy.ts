/**
 * A TCP proxy with a fixed address in front of an apiserver, for client tests: the target can be swapped
 * (a restarted apiserver gets a new port), and connections can be cut and held back, to make a client
 * miss events while the server moves on.
 */
import net, { type AddressInfo, type Socket } from 'node:net';

export class TcpProxy {
  private target: URL;
  private paused = false;
  private held: Socket[] = [];
  private readonly open = new Set<Socket>();
  private server!: net.Server;

  private constructor(target: string) {
    this.target = new URL(target);
  }

  static async start(target: string): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    proxy.server = net.createServer((client) => proxy.accept(client));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  setTarget(target: string): void {
    this.target = new URL(target);
  }

  /** Cuts every connection and holds new ones unanswered until resume(). */
  pause(): void {
    this.paused = true;
    this.cutAll();
  }

  resume(): void {
    this.paused = false;
    for (const c of this.held.splice(0)) if (!c.destroyed) this.connect(c);
  }

  cutAll(): void {
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  async close(): Promise<void> {
    for (const c of this.held.splice(0)) c.destroy();
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.open.add(client);
    client.on('close', () => this.open.delete(client));
    client.on('error', () => client.destroy());
    if (this.paused) {
      client.pause();
      this.held.push(client);
      return;
    }
    this.connect(client);
  }

  private connect(client: Socket): void {
    const upstream = net.connect(Number(this.target.port), this.target.hostname);
    this.open.add(upstream);
    const teardown = () => {
      client.destroy();
      upstream.destroy();
      this.open.delete(upstream);
    };
    upstream.on('error', teardown);
    upstream.on('close', teardown);
    client.on('close', teardown);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  }
}
