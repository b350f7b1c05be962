import { DWClient } from 'dingtalk-stream';

export interface DingTalkStreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** where the Stream gateway's "open connection" lives; a loopback server in tests */
  apiBase?: string;
  fetch?: typeof fetch;
  /** ping the socket and drop it when the pong stops coming (production) */
  keepAlive?: boolean;
  onError?: (error: unknown) => void;
}

/**
 * dingtalk-stream's client with its endpoint request made through an injected fetch and base
 * URL: the SDK hard-codes the gateway address, so tests could not point it at a loopback server.
 * Everything after the endpoint (the socket, acks, reconnects) is the SDK's own.
 */
export class DingTalkStreamClient extends DWClient {
  readonly #apiBase: string;
  readonly #fetch: typeof fetch;
  readonly #onError: ((error: unknown) => void) | undefined;
  #lastErrorAt = 0;

  constructor(options: DingTalkStreamClientOptions) {
    super({ clientId: options.clientId, clientSecret: options.clientSecret, keepAlive: options.keepAlive ?? true, ua: 'hazard-zero' });
    this.#apiBase = options.apiBase ?? 'https://api.dingtalk.com';
    this.#fetch = options.fetch ?? fetch;
    this.#onError = options.onError;
  }

  override async getEndpoint(): Promise<this> {
    try {
      const response = await this.#fetch(`${this.#apiBase}/v1.0/gateway/connections/open`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ clientId: this.config.clientId, clientSecret: this.config.clientSecret, ua: this.config.ua, subscriptions: this.config.subscriptions }),
        signal: AbortSignal.timeout(15_000),
      });
      const answer = (await response.json()) as { endpoint?: string; ticket?: string; message?: string };
      if (!response.ok || !answer.endpoint || !answer.ticket) throw new Error(`钉钉 Stream 连接申请失败：${answer.message ?? response.status}`);
      // the SDK keeps the socket address in a private field: set it the way its own getEndpoint does
      Reflect.set(this, 'dw_url', `${answer.endpoint}?ticket=${encodeURIComponent(answer.ticket)}`);
      return this;
    } catch (error) {
      // the SDK swallows this and retries every second: say it at most once a minute
      if (Date.now() - this.#lastErrorAt > 60_000) {
        this.#lastErrorAt = Date.now();
        this.#onError?.(error);
      }
      throw error;
    }
  }
}
