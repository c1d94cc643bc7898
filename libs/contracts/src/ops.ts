/** `GET /api/health/live`: the process is up and its event loop turns (restart it when this fails). */
export interface LivenessResponse {
  status: 'ok';
  /** Seconds since the process started. */
  uptimeSeconds: number;
}

/** `GET /api/health/ready`: 200 when this process should receive traffic; 503 while not (with why). */
export interface ReadinessResponse {
  status: 'ready' | 'not-ready' | 'draining';
  db: 'ok' | 'down';
  /** `in-process`: no Redis to reach (see HealthResponse.coordination). */
  redis: 'ok' | 'down' | 'in-process';
}
