/**
 * The sign-in endpoints of the sync server: enrolling the tablet, password
 * sign-in and token refresh. Refusals come back as CodedErrors, so screens
 * show them in the user's language; no network at all is SERVER_UNREACHABLE.
 */
import {
  API_BASE,
  ERROR_MESSAGES,
  codedError,
  type CodedError,
  type EnrolRequest,
  type EnrolResponse,
  type LoginRequest,
  type LoginResponse,
  type RefreshRequest,
  type RefreshResponse,
} from '../../schema/index.js';

export class CodedRequestError extends Error {
  constructor(
    /** 0 when the server could not be reached. */
    readonly status: number,
    readonly coded: CodedError,
  ) {
    super(`${status} ${coded.code}: ${coded.message.en}`);
  }
}

export async function readCodedError(response: Response): Promise<CodedError> {
  try {
    const body = (await response.json()) as Partial<CodedError>;
    if (body.code && body.code in ERROR_MESSAGES) return codedError(body.code, body.field);
  } catch {
    // Not our JSON (a proxy's error page): fall through to a generic code.
  }
  return codedError(response.status === 401 ? 'AUTH_REQUIRED' : 'SERVER_ERROR');
}

/** fetch that turns every failure into a CodedRequestError and parses the JSON answer. */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, cache: 'no-store' });
  } catch {
    throw new CodedRequestError(0, codedError('SERVER_UNREACHABLE'));
  }
  if (!response.ok) throw new CodedRequestError(response.status, await readCodedError(response));
  return (await response.json()) as T;
}

function postJson<T>(path: string, body: unknown): Promise<T> {
  return requestJson<T>(`${API_BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function login(request: LoginRequest): Promise<LoginResponse> {
  return postJson('/auth/login', request);
}

export function refresh(request: RefreshRequest): Promise<RefreshResponse> {
  return postJson('/auth/refresh', request);
}

export function enrol(request: EnrolRequest): Promise<EnrolResponse> {
  return postJson('/auth/enroll', request);
}
