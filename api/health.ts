/** GET /api/health — database reachability, real vs stand-in services, version. */
import { checkHealth } from './_lib/health/check-health.js';
import { respond } from './_lib/http.js';

export async function GET(): Promise<Response> {
  return respond(async () => {
    const health = await checkHealth();
    return Response.json(health, {
      status: health.status === 'ok' ? 200 : 503,
      headers: { 'cache-control': 'no-store' },
    });
  });
}
