/**
 * `GET /__dev/line/inbox?user=U…`: what each dev user has been pushed, drawn like a LINE chat on
 * a phone. Plain server-rendered HTML; a small script polls the pushes every 2 s (reloading when
 * a new one arrives), turns postback/message buttons into webhooks to the app, and opens links into
 * the app as this inbox's user (`devUser=`): a new tab has no dev user of its own, and LINE opens
 * the app as the person who tapped.
 */
import type { DevUser } from './dev-users';
import { escapeHtml, messageHtml } from './line-message-html';
import type { RecordedPush } from './line-pushes';

export function inboxPage(options: {
  users: DevUser[];
  user: DevUser;
  pushes: RecordedPush[];
  countFor: (userId: string) => number;
  appOrigin: string;
  standInPath: string;
}): string {
  const { user, pushes, standInPath } = options;
  const tabs = options.users
    .map((u) => {
      const count = options.countFor(u.userId);
      const current = u.userId === user.userId ? ' aria-current="page"' : '';
      return `<a href="?user=${u.userId}"${current}>${escapeHtml(u.displayName)}${count ? ` <small>${count}</small>` : ''}</a>`;
    })
    .join('');
  const messages = pushes
    .flatMap((push) =>
      push.messages.map(
        (message) =>
          `<div class="row"><div class="avatar">LC</div><div class="content">${messageHtml(message, options.appOrigin)}</div>` +
          `<time title="${escapeHtml(push.pushedAt)}">${new Date(push.pushedAt).toTimeString().slice(0, 5)}</time></div>`,
      ),
    )
    .join('');
  const settings = JSON.stringify({
    user: user.userId,
    known: pushes.length,
    path: standInPath,
    appOrigin: new URL(options.appOrigin).origin,
  }).replace(/</g, '\\u003c');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(user.displayName)}'s LINE (stand-in)</title>
<style>${CSS}</style>
</head>
<body>
<main class="phone">
  <header><div class="title">liff-calls <small>LINE stand-in</small></div><nav>${tabs}</nav></header>
  <section class="chat">${messages || `<p class="empty">No messages for ${escapeHtml(user.displayName)} yet.</p>`}</section>
  <output id="toast" hidden></output>
</main>
<script type="module">
const settings = ${settings};
const toast = document.getElementById('toast');
function show(text) {
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(show.timer);
  show.timer = setTimeout(() => (toast.hidden = true), 3000);
}
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  const url = link && new URL(link.href);
  if (url?.origin === settings.appOrigin) {
    url.searchParams.set('devUser', settings.user);
    link.href = url.href;
  }
}, true);
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-postback],[data-message]');
  if (!button) return;
  const source = { type: 'user', userId: settings.user };
  const sent = button.dataset.postback !== undefined
    ? { type: 'postback', postback: { data: button.dataset.postback }, source }
    : { type: 'message', message: { type: 'text', text: button.dataset.message }, source };
  const response = await fetch(settings.path + '/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: [sent] }),
  });
  const result = await response.json();
  show('"' + (button.dataset.label || 'tap') + '" → app answered ' + (result.status ?? result.message));
});
setInterval(async () => {
  const response = await fetch(settings.path + '/pushes?to=' + settings.user).catch(() => undefined);
  const { pushes } = response?.ok ? await response.json() : { pushes: [] };
  if (pushes.length !== settings.known) location.reload();
}, 2000);
scrollTo(0, document.body.scrollHeight);
</script>
</body>
</html>`;
}

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; background: #222; font: 15px/1.4 -apple-system, system-ui, "Hiragino Sans", sans-serif; }
.phone { max-width: 420px; min-height: 100vh; margin: 0 auto; background: #8cabd9; display: flex; flex-direction: column; }
header { position: sticky; top: 0; background: #263238; color: #fff; padding: 8px 12px; z-index: 1; }
.title { font-weight: bold; } .title small { font-weight: normal; opacity: .7; }
nav { display: flex; gap: 6px; margin-top: 6px; }
nav a { color: #fff; text-decoration: none; padding: 2px 10px; border-radius: 12px; background: #455a64; }
nav a[aria-current] { background: #06c755; }
.chat { flex: 1; padding: 12px 8px 64px; display: flex; flex-direction: column; gap: 12px; }
.empty { color: #fff; text-align: center; margin-top: 40%; }
.row { display: flex; align-items: flex-end; gap: 6px; }
.avatar { flex: none; align-self: flex-start; width: 34px; height: 34px; border-radius: 50%; background: #06c755; color: #fff; font-size: 12px; display: grid; place-items: center; }
.content { min-width: 0; max-width: calc(100% - 80px); }
time { color: #fff; font-size: 11px; opacity: .8; }
.alt { color: #fff; font-size: 11px; opacity: .8; margin-bottom: 2px; }
.bubble { background: #fff; border-radius: 18px; padding: 8px 12px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; } .muted { color: #888; }
.image { max-width: 220px; padding: 0; overflow: hidden; display: block; }
.card { display: block; background: #fff; border-radius: 16px; overflow: hidden; color: inherit; text-decoration: none; flex: none; }
.carousel { display: flex; gap: 8px; overflow-x: auto; width: calc(100vw - 60px); max-width: 360px; }
.tpl { width: 240px; } .tpl-thumb { width: 100%; display: block; } .tpl-body { padding: 12px; }
.tpl-actions { display: flex; flex-direction: column; border-top: 1px solid #eee; } .tpl-actions.row { flex-direction: row; }
.tpl-button, .flex-button { font: inherit; border: 0; background: none; color: #42659a; padding: 10px; cursor: pointer; text-align: center; text-decoration: none; display: flex; align-items: center; justify-content: center; }
.tpl-actions .tpl-button + .tpl-button { border-top: 1px solid #eee; } .tpl-actions.row .tpl-button { flex: 1; border-top: 0; }
.flex-button { border-radius: 8px; width: 100%; } .flex-button.primary { background: #06c755; color: #fff; } .flex-button.secondary { background: #e8eaed; color: #111; }
button.flex-box, a.flex-box, button.flex-text, a.flex-text { font: inherit; color: inherit; text-decoration: none; border: 0; background: none; padding: 0; text-align: inherit; cursor: pointer; }
.flex-bubble { max-width: 100%; } .flex-hero img { display: block; }
[disabled] { opacity: .5; cursor: not-allowed; }
#toast { position: fixed; bottom: 16px; left: 50%; transform: translateX(-50%); background: rgba(0,0,0,.8); color: #fff; padding: 8px 14px; border-radius: 16px; font-size: 13px; max-width: 90vw; }
`;
