// Service worker of the capture pages: a checklist opened once stays usable without a connection.
// Served from the site root (a static file, no data in it) so that its scope covers /checklists.
// - Stylesheets and scripts (fingerprinted URLs): from the cache, else the network (and cached).
// - /checklists, /checklists/{id} and /api/assessments/{id}/checklist: the network first (and cached); on no
//   connection, or no answer within 8 s (poor signal), the cached copy.
// - Signing out, and signing in (perhaps as someone else on a shared phone), empty the page cache (unsynced
//   answers stay in IndexedDB, keyed by user, and are only sent with that user's sign-in).
'use strict';
const SHELL = 'capture-shell-v1';
const PAGES = 'capture-pages-v1';
const PAGE = /^\/checklists(\/\d+)?\/?$/;
const DATA = /^\/api\/assessments\/\d+\/checklist$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', event => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith('capture-') && name !== SHELL && name !== PAGES) await caches.delete(name);
  }
  await self.clients.claim();
})()));

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && (url.pathname === '/account/logout' || url.pathname === '/account/login')) {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== 'GET') return;
  if (/^\/(css|js|lib)\//.test(url.pathname)) {
    event.respondWith(shell(request));
  } else if ((request.mode === 'navigate' && PAGE.test(url.pathname)) || DATA.test(url.pathname)) {
    event.respondWith(networkFirst(event, request, url.pathname));
  }
});

async function shell(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const older = await cache.match(request, { ignoreSearch: true });
    if (older) return older;
    throw error;
  }
}

async function networkFirst(event, request, key) {
  const cache = await caches.open(PAGES);
  const network = fetch(request).then(response => {
    // A redirect (to the login page) or a refusal is not the page: never cached.
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      event.waitUntil(cache.put(key, copy));
    }
    return response;
  });
  network.catch(() => { /* answered from the cache below */ });
  try {
    return await Promise.race([network, new Promise((_, fail) => setTimeout(() => fail(new Error('slow')), 8000))]);
  } catch {
    const hit = await cache.match(key, { ignoreVary: true });
    if (hit) {
      // Marked, so that the page's script knows it is not talking to the server (it counts as offline).
      const headers = new Headers(hit.headers);
      headers.set('X-Capture-Cached', '1');
      return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
    }
    try {
      return await network;
    } catch {
      if (request.mode !== 'navigate') return Response.error();
      return new Response(
        '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        + '<title>离线</title><link rel="stylesheet" href="/css/site.css"><main id="main"><h1>当前离线</h1>'
        + '<p>此页尚未在本机保存过。恢复网络后再打开；已打开过的考核表离线仍可使用。</p><p><a href="/checklists">我的考核</a></p></main>',
        { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }
  }
}
