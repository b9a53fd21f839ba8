// The invite API as the console calls it: bearer token, JSON in and out, problems as ApiError.

export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.headers = headers;
  }

  /** [{field, reason, line?, column?}] of a 400 (or the 409 of an open invite). */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }

  /** Seconds to wait from Retry-After (429), or null. */
  get retryAfterSeconds() {
    const value = this.headers?.get("Retry-After");
    const seconds = value == null ? NaN : Number.parseInt(value, 10);
    return Number.isFinite(seconds) ? seconds : null;
  }
}

export class Api {
  /**
   * @param base the API's origin, e.g. "https://invites.example.com" ("" for this page's origin)
   * @param token a function returning the current bearer token (the host may swap it at any time)
   * @param onUnauthorized called on a 401, so the host can hand over a fresh token
   */
  constructor(base, token, onUnauthorized) {
    this.base = base.replace(/\/+$/, "");
    this.token = token;
    this.onUnauthorized = onUnauthorized;
  }

  store(storeId) {
    return `/api/v1/stores/${encodeURIComponent(storeId)}`;
  }

  get(path) {
    return this.request("GET", path);
  }

  post(path, body) {
    return this.request("POST", path, body);
  }

  put(path, body) {
    return this.request("PUT", path, body);
  }

  delete(path) {
    return this.request("DELETE", path);
  }

  async request(method, path, body) {
    const headers = { Accept: "application/json, application/problem+json" };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
      });
    } catch (networkError) {
      throw new ApiError(0, { detail: "The invite service cannot be reached. Check your connection and try again." });
    }
    if (response.status === 204) return null;
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new ApiError(response.status, json, response.headers);
      if (response.status === 401) this.onUnauthorized?.(error);
      throw error;
    }
    return json;
  }
}

/** The claims of a JWT, read without verifying it: only to choose what to show; the API checks everything. */
export function claimsOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const json = decodeURIComponent(
      Array.from(atob(payload), (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""),
    );
    return JSON.parse(json);
  } catch {
    return {};
  }
}

export function scopesOf(claims) {
  const scope = claims.scope ?? claims.scp ?? "";
  return new Set(Array.isArray(scope) ? scope : String(scope).split(" ").filter(Boolean));
}

export function storesOf(claims) {
  return Array.isArray(claims.stores) ? claims.stores.map(String) : [];
}
