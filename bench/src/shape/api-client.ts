// The bench's HTTP client of the API: JSON in and out, a bearer token, and the answer's size.
export interface ApiAnswer<T> {
  status: number;
  body: T;
  bytes: number;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    // The API answers JSON; its shape is checked by whoever reads the field it needs.
    const parsed = (text ? JSON.parse(text) : null) as T;
    return { status: response.status, body: parsed, bytes: Buffer.byteLength(text) };
  }

  get<T>(path: string): Promise<ApiAnswer<T>> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.request<T>('POST', path, body);
  }

  /** Fails with the answer when its status is not the expected one. */
  static expect<T>(answer: ApiAnswer<T>, status: number, what: string): T {
    if (answer.status !== status) {
      throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`);
    }
    return answer.body;
  }
}

/** Logs a demo user in (the shape's demo data keeps the demo password) and answers its client. */
export async function logIn(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const answer = await new ApiClient(baseUrl).post<{ token: string }>('/auth/login', { username, password });
  return new ApiClient(baseUrl, ApiClient.expect(answer, 200, `log-in of ${username}`).token);
}
