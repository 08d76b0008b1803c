/** POST /api/token {room} — a short-lived LiveKit join token for the signed-in LINE user. */
import * as z from 'zod/mini';
import { authenticateUser } from './_lib/auth/authenticate-user.js';
import { readJson, respond } from './_lib/http.js';
import { issueJoinToken } from './_lib/rooms/issue-join-token.js';

const TokenRequest = z.object({ room: z.string().check(z.minLength(1), z.maxLength(100)) });

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const user = await authenticateUser(request);
    const { room } = await readJson(request, TokenRequest);
    return Response.json(await issueJoinToken(user, room), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
