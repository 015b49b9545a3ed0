// On-site capture (/checklists, /checklists/{id}), offline first. Plain ES2020, no library.
//
// The page is complete without this script (a form that saves through the server). With it, every change is
// saved on the device first and sent through the JSON API:
// - IndexedDB "assessment-capture": `snapshots` holds, per user and assessment, the last checklist the server
//   sent (the base of every comparison), its version (the ETag), the ids of uploaded photos and answers that
//   cannot be sent yet (a note before a value); `outbox` holds one entry per change, in order, each with its
//   own Idempotency-Key kept across retries (answers as the full PUT body, photos as the Blob).
// - The sync loop sends entries in order with If-Match: "<version>". A 2xx advances the version (and the points
//   shown); a failed fetch or a timeout means offline, whatever navigator.onLine says; 412 means someone else
//   changed the assessment: the current checklist is fetched and, item by item, compared with the base. Items
//   nobody else touched go on with the new version; items changed on both sides are a conflict the user
//   resolves (keep mine: re-sent with the new version; take theirs: the queued changes are dropped).
// - /sw.js keeps the pages, this script, the stylesheets and the checklist JSON for use without a connection.
'use strict';
(() => {
  const PAGES = 'capture-pages-v1';
  const SHELL = 'capture-shell-v1';
  const doc = document;
  doc.documentElement.classList.add('js');
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => { /* no offline pages; capture still works online */ });
  }

  // ---- storage ----
  const dbp = new Promise((ok, fail) => {
    const open = indexedDB.open('assessment-capture', 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('snapshots', { keyPath: 'owner' });
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('owner', 'owner');
    };
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  const done = r => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const os = async (name, mode = 'readonly') => (await dbp).transaction(name, mode).objectStore(name);
  const ownerEntries = async owner => done((await os('outbox')).index('owner').getAll(owner));

  const uuid = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  const root = doc.getElementById('cl');
  if (!root) {
    listPage();
    return;
  }

  // ---- the checklist page ----
  const aid = root.dataset.assessment;
  const owner = `${root.dataset.user}:${aid}`;
  const editable = root.dataset.editable === 'true';
  const api = `/api/assessments/${aid}`;
  const $ = id => doc.getElementById(id);
  const form = $('cl-form');
  const articles = [...doc.querySelectorAll('.cl-item')];
  const byId = new Map(articles.map(a => [a.dataset.item, a]));
  const fileNames = new Map([...doc.querySelectorAll('[data-evidence]')].map(li => [Number(li.dataset.evidence), li.textContent.trim()]));
  let snap = null;          // { owner, version, view, evidence: {ref: id}, drafts: {itemId: body} }
  let queue = [];           // outbox entries of this assessment, in order
  let offline = !navigator.onLine;
  let loginNeeded = false;
  let syncing = false;
  let lastRefresh = 0;
  const thumbs = new Map(); // local ref -> object URL

  const putSnap = async () => done((await os('snapshots', 'readwrite')).put(snap));
  const reload = async () => { queue = await ownerEntries(owner); };
  const putEntry = async e => done((await os('outbox', 'readwrite')).put(e));
  const dropEntry = async e => done((await os('outbox', 'readwrite')).delete(e.seq));

  const titleOf = art => art.querySelector('.cl-title').textContent;
  const fmt = n => (n === null || n === undefined) ? '—' : Number(n).toFixed(2).replace(/\.?0+$/, '');
  const empty = () => ({ notApplicable: false, met: null, level: null, number: null, note: null, method: null, evidenceIds: [] });
  const sendable = b => b.notApplicable || b.met !== null || b.level !== null || b.number !== null;
  const items = view => new Map((view ? view.dimensions : []).flatMap(d => d.items).map(i => [i.id, i]));
  const serverAnswer = (view, id) => {
    const a = items(view).get(id)?.answer;
    return a ? { notApplicable: a.notApplicable, met: a.met ?? null, level: a.level ?? null, number: a.number ?? null,
      note: a.note ?? null, method: a.method ?? null, evidenceIds: a.evidenceIds || [] } : empty();
  };
  const same = (a, b) => a.notApplicable === b.notApplicable && a.met === b.met && a.level === b.level
    && (a.number === null ? b.number === null : b.number !== null && Number(a.number) === Number(b.number))
    && (a.note || null) === (b.note || null) && (a.method || null) === (b.method || null)
    && JSON.stringify([...a.evidenceIds].map(String).sort()) === JSON.stringify([...b.evidenceIds].map(String).sort());
  const open = e => e.status !== 'rejected';
  const answersOf = id => queue.filter(e => e.kind === 'answer' && e.itemId === id);

  /** What the device shows for an item: a draft, else its last queued change, else the server's answer. */
  function local(id) {
    if (snap.drafts[id]) return snap.drafts[id];
    const mine = answersOf(id);
    return mine.length ? mine[mine.length - 1].body : serverAnswer(snap.view, id);
  }
  const pendingItems = () => new Set([...queue.filter(open).map(e => e.itemId), ...Object.keys(snap.drafts)]);

  function readItem(art) {
    const id = art.dataset.item;
    const kind = art.dataset.kind;
    const field = n => form.elements[`${n}_${id}`];
    const na = field('na')?.checked === true;
    const b = { ...empty(), notApplicable: na, evidenceIds: [...local(id).evidenceIds] };
    if (!na) {
      if (kind === 'YesNo' || kind === 'Levels') {
        const v = art.querySelector(`input[name="v_${id}"]:checked`)?.value ?? null;
        if (kind === 'YesNo') b.met = v === null ? null : v === 'yes'; else b.level = v;
      } else {
        const input = field('v');
        b.number = input.value === '' || Number.isNaN(input.valueAsNumber) ? null : input.valueAsNumber;
      }
    }
    b.note = field('note').value.trim() || null;
    b.method = field('m').value || null;
    return b;
  }

  function writeItem(art, b) {
    const id = art.dataset.item;
    const active = doc.activeElement;
    // The item being edited keeps what the user entered (a radio group would otherwise flip back mid-save).
    if (art.contains(active)) {
      art.querySelectorAll(`input[name="v_${id}"]`).forEach(el => { el.disabled = !editable || b.notApplicable; });
      return;
    }
    const set = (el, fn) => { if (el && el !== active) fn(el); };
    art.querySelectorAll(`input[name="v_${id}"][type=radio]`).forEach(r => set(r, el => {
      el.checked = art.dataset.kind === 'YesNo' ? (b.met !== null && (el.value === 'yes') === b.met) : el.value === b.level;
    }));
    set(form.elements[`v_${id}`]?.type === 'number' ? form.elements[`v_${id}`] : null, el => { el.value = b.number ?? ''; });
    set(form.elements[`na_${id}`], el => { el.checked = b.notApplicable; });
    set(form.elements[`note_${id}`], el => { el.value = b.note ?? ''; });
    set(form.elements[`m_${id}`], el => { el.value = b.method ?? ''; });
    art.querySelectorAll(`input[name="v_${id}"]`).forEach(el => { el.disabled = !editable || b.notApplicable; });
  }

  function renderFiles(art, b) {
    const list = art.querySelector('[data-files]');
    // A queued photo shows from the device until its upload is confirmed, then as the server's file.
    for (const li of list.querySelectorAll('li[data-ref]')) {
      if (snap.evidence[li.dataset.ref] || !b.evidenceIds.includes(li.dataset.ref)) li.remove();
    }
    const have = new Set([...list.children].map(li => li.dataset.evidence || li.dataset.ref));
    for (const ref of b.evidenceIds) {
      const resolved = typeof ref === 'string' && snap.evidence[ref] ? snap.evidence[ref] : ref;
      if (have.has(String(resolved))) continue;
      const li = doc.createElement('li');
      const url = thumbs.get(ref);
      if (url) {
        const img = doc.createElement('img');
        img.src = url;
        img.alt = '';
        li.append(img);
      }
      if (typeof resolved === 'number') {
        li.dataset.evidence = resolved;
        const a = doc.createElement('a');
        a.href = `${api}/evidence/${resolved}`;
        a.textContent = fileNames.get(resolved) || `佐证材料 #${resolved}`;
        li.append(a);
      } else {
        li.dataset.ref = ref;
        li.append('照片待上传');
      }
      list.append(li);
    }
  }

  function render() {
    const server = items(snap.view);
    const pending = pendingItems();
    const dims = new Map();
    let answered = 0;
    // Without any checklist from the server yet (first visit, offline) the page stays as the server rendered it.
    for (const art of snap.view ? articles : []) {
      const id = art.dataset.item;
      const b = local(id);
      writeItem(art, b);
      renderFiles(art, b);
      const conflict = queue.some(e => e.itemId === id && e.status === 'conflict');
      const rejected = queue.filter(e => e.itemId === id && e.status === 'rejected').pop();
      const isPending = pending.has(id);
      art.classList.toggle('is-pending', isPending);
      art.classList.toggle('is-conflict', conflict);
      const marker = art.querySelector('[data-pending]');
      marker.hidden = !isPending && !rejected;
      marker.textContent = conflict ? '有冲突' : rejected ? '未保存' : snap.drafts[id] ? '未保存：请先填写结论' : '未同步';
      const s = server.get(id)?.score;
      if (s) {
        art.querySelector('[data-points]').textContent = fmt(s.points);
        art.querySelector('[data-explain]').textContent = s.explanation;
      }
      art.querySelector('[data-stale]').hidden = !isPending;
      const problem = art.querySelector('[data-problem]');
      if (rejected) {
        problem.textContent = rejected.error;
        problem.hidden = false;
        problem.dataset.js = '1';
      } else if (problem.dataset.js) {
        problem.hidden = true;
        delete problem.dataset.js;
      }
      const dim = art.closest('.cl-dim').id.slice(4);
      const d = dims.get(dim) || { answered: 0, total: 0 };
      d.total++;
      if (sendable(b)) { d.answered++; answered++; }
      dims.set(dim, d);
    }
    if (snap.view) $('cl-answered').textContent = answered;
    for (const [code, d] of dims) doc.querySelectorAll(`[data-dim-progress="${code}"]`).forEach(el => { el.textContent = `${d.answered}/${d.total}`; });
    const score = snap.view?.score;
    if (score) $('cl-total').textContent = score.publishedTotal === null ? '—' : Number(score.publishedTotal).toFixed(2);
    $('cl-total-note').textContent = pending.size ? '（含未同步修改，尚未重新计算）' : score && score.total === null ? '（答完后计算）' : '';
    root.dataset.queued = queue.filter(open).length;
    root.dataset.synced = snap.version;
    const badge = $('cl-sync');
    badge.hidden = pending.size === 0;
    badge.textContent = `${pending.size} 项未同步`;
    $('cl-net').hidden = !offline;
    $('cl-offline-note').hidden = !offline;
    $('cl-login').hidden = !loginNeeded;
    const submit = $('cl-submit');
    if (submit) {
      const why = pending.size ? `还有 ${pending.size} 项修改未同步到服务器，同步完成后才能提交。` : offline ? '当前离线，恢复网络后才能提交。' : '';
      submit.disabled = Boolean(why);
      const note = $('cl-submit-note');
      note.textContent = why;
      note.hidden = !why;
    }
  }

  // ---- network ----
  class Offline extends Error {}
  async function net(url, init = {}, ms = 30000) {
    if (!navigator.onLine) {
      setOffline(true);
      throw new Offline('offline');
    }
    const abort = new AbortController();
    let res;
    const timer = setTimeout(() => abort.abort(), ms);
    try {
      res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init, signal: abort.signal });
    } catch {
      res = null;
    } finally {
      clearTimeout(timer);
    }
    // No answer, or the service worker's cached copy: the server was not reached.
    if (!res || res.headers.get('X-Capture-Cached')) {
      setOffline(true);
      throw new Offline('no connection');
    }
    setOffline(false);
    return res;
  }
  function setOffline(value) {
    if (offline === value) return;
    offline = value;
    render();
  }
  async function problemText(res) {
    try {
      const p = await res.json();
      const details = Object.values(p.errors || {}).flat();
      return [p.title, ...details].filter(Boolean).join(' ');
    } catch {
      return `服务器拒绝了这项修改（${res.status}）。`;
    }
  }

  /** GET the checklist; it becomes the base only when nothing is queued (else the sync loop compares). */
  async function refresh() {
    lastRefresh = Date.now();
    const res = await net(`${api}/checklist`, { headers: { Accept: 'application/json' } }, 20000);
    if (res.status === 401) { loginNeeded = true; render(); return null; }
    if (!res.ok) return null;
    const copy = res.clone();
    const view = await res.json();
    caches.open(PAGES).then(c => c.put(`${api}/checklist`, copy)).catch(() => {});
    if (!snap.view || !queue.some(open)) {
      snap.view = view;
      snap.version = view.version;
      await putSnap();
      render();
    }
    return view;
  }

  function resolveRefs(ids) {
    return ids.map(r => (typeof r === 'string' ? snap.evidence[r] : r)).filter(r => typeof r === 'number');
  }

  async function send(e) {
    const headers = { 'If-Match': `"${snap.version}"`, 'Idempotency-Key': e.key };
    if (e.kind === 'evidence') {
      const body = new FormData();
      body.append('file', e.blob, e.fileName);
      body.append('itemId', e.itemId);
      return net(`${api}/evidence`, { method: 'POST', headers, body }, 180000);
    }
    headers['Content-Type'] = 'application/json';
    const body = JSON.stringify({ ...e.body, evidenceIds: resolveRefs(e.body.evidenceIds) });
    return net(`${api}/answers/${encodeURIComponent(e.itemId)}`, { method: 'PUT', headers, body }, 30000);
  }

  /** 412: fetch the checklist, compare each queued item with the base; returns whether the loop may go on. */
  async function rebase() {
    const view = await refresh();
    if (!view) return false;
    let conflicts = 0;
    for (const id of new Set(queue.filter(e => e.kind === 'answer' && open(e)).map(e => e.itemId))) {
      if (same(serverAnswer(snap.view, id), serverAnswer(view, id))) continue;
      conflicts++;
      for (const e of answersOf(id)) {
        if (!open(e)) continue;
        e.status = 'conflict';
        e.theirs = serverAnswer(view, id);
        e.theirsAt = items(view).get(id)?.answer?.modifiedAt ?? null;
        await putEntry(e);
      }
    }
    snap.view = view;
    snap.version = view.version;
    await putSnap();
    await reload();
    render();
    if (conflicts) showConflicts();
    return conflicts === 0;
  }

  async function syncOnce() {
    await reload();
    for (;;) {
      if (queue.some(e => e.status === 'conflict')) { showConflicts(); return; }
      const e = queue.find(x => x.status === 'queued');
      if (!e) return;
      e.attempts = (e.attempts || 0) + 1;
      const res = await send(e);
      if (res.ok) {
        const body = await res.json();
        if (e.kind === 'evidence') {
          snap.evidence[e.ref] = body.id;
          snap.version = body.version;
          fileNames.set(body.id, body.fileName);
        } else {
          snap.view = body;
          snap.version = body.version;
        }
        await putSnap();
        await dropEntry(e);
      } else if (res.status === 412) {
        if (!(await rebase())) return;
        continue;
      } else if (res.status === 401) {
        loginNeeded = true;
        return;
      } else if (res.status >= 500 || res.status === 408 || res.status === 429) {
        return; // the server's trouble: try again later, in order
      } else {
        e.status = 'rejected';
        e.error = await problemText(res);
        await putEntry(e);
      }
      loginNeeded = false;
      await reload();
      render();
    }
  }

  let again = false;
  async function sync() {
    if (!editable) return;
    if (syncing) { again = true; return; }
    syncing = true;
    again = false;
    try {
      const run = () => syncOnce().catch(err => { if (!(err instanceof Offline)) throw err; });
      // One tab at a time sends this assessment's queue (another tab's run finishes it).
      if (navigator.locks) await navigator.locks.request(`sync:${owner}`, { ifAvailable: true }, lock => (lock ? run() : null));
      else await run();
    } finally {
      syncing = false;
      await reload();
      render();
    }
    // A change recorded while the loop was finishing: go again (unless offline, signed out or in conflict).
    if (again && !offline && !loginNeeded && queue.some(e => e.status === 'queued')) sync();
  }

  // ---- changes ----
  async function record(id, body) {
    for (const e of queue.filter(x => x.itemId === id && x.status === 'rejected')) await dropEntry(e);
    if (sendable(body)) {
      delete snap.drafts[id];
      await done((await os('outbox', 'readwrite')).add({ owner, kind: 'answer', itemId: id, body, key: uuid(), status: 'queued', at: Date.now() }));
    } else {
      snap.drafts[id] = body;
    }
    await putSnap();
    await reload();
    render();
    sync();
  }

  async function changed(art) {
    const id = art.dataset.item;
    const body = readItem(art);
    if (same(body, local(id))) return;
    await record(id, body);
  }

  async function shrink(file) {
    if (!file.type.startsWith('image/') || !self.createImageBitmap) return file;
    try {
      const bmp = await createImageBitmap(file);
      const scale = Math.min(1, 1600 / Math.max(bmp.width, bmp.height));
      const canvas = doc.createElement('canvas');
      canvas.width = Math.round(bmp.width * scale);
      canvas.height = Math.round(bmp.height * scale);
      canvas.getContext('2d').drawImage(bmp, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise(ok => canvas.toBlob(ok, 'image/jpeg', 0.85));
      return blob && blob.size < file.size * 1.2 ? new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' }) : file;
    } catch {
      return file; // not decodable here (e.g. HEIC): sent as taken; the server says whether it accepts it
    }
  }

  async function photo(art, input) {
    const file = input.files[0];
    if (!file) return;
    const id = art.dataset.item;
    const blob = await shrink(file);
    const ref = `local:${uuid()}`;
    thumbs.set(ref, URL.createObjectURL(blob));
    await done((await os('outbox', 'readwrite')).add({ owner, kind: 'evidence', itemId: id, blob, fileName: blob.name || file.name, ref, key: uuid(), status: 'queued', at: Date.now() }));
    input.value = '';
    await reload();
    const body = { ...local(id), evidenceIds: [...local(id).evidenceIds, ref] };
    await record(id, body);
  }

  // ---- conflicts ----
  function describe(art, b) {
    if (b.notApplicable) return '不适用';
    let v = '未作答';
    if (b.met !== null) v = b.met ? '是（符合）' : '否（不符合）';
    else if (b.level !== null) v = art.querySelector(`input[name="v_${art.dataset.item}"][value="${CSS.escape(b.level)}"]`)?.parentElement.textContent.trim() || b.level;
    else if (b.number !== null) v = `${b.number}${art.dataset.unit || (art.dataset.kind === 'Deduction' ? ' 处问题' : '')}`;
    return b.note ? `${v}；说明：${b.note}` : v;
  }

  function showConflicts() {
    const dialog = $('cl-conflict');
    const list = $('cl-conflict-list');
    const ids = [...new Set(queue.filter(e => e.status === 'conflict').map(e => e.itemId))];
    if (!ids.length) { if (dialog.open) dialog.close(); return; }
    // Already showing these: leave the dialog (and the focus in it) as it is.
    const shown = new Set([...list.children].map(x => x.dataset.conflict));
    if (dialog.open && ids.every(id => shown.has(id))) return;
    list.replaceChildren();
    for (const id of ids) {
      const art = byId.get(id);
      const entries = answersOf(id).filter(e => e.status === 'conflict');
      const theirs = entries[entries.length - 1].theirs;
      const at = entries[entries.length - 1].theirsAt;
      const box = doc.createElement('section');
      box.dataset.conflict = id;
      const h = doc.createElement('h3');
      h.textContent = `${id} ${titleOf(art)}`;
      const versions = doc.createElement('div');
      versions.className = 'cl-versions';
      const mine = doc.createElement('div');
      mine.innerHTML = '<strong>您的答案（本机）</strong><p></p>';
      mine.querySelector('p').textContent = describe(art, local(id));
      const server = doc.createElement('div');
      server.innerHTML = '<strong>服务器上的答案</strong><p></p>';
      server.querySelector('p').textContent = describe(art, theirs) + (at ? `（${new Date(at).toLocaleString('zh-CN')} 修改）` : '');
      versions.append(mine, server);
      const actions = doc.createElement('div');
      actions.className = 'cl-actions';
      const keep = doc.createElement('button');
      keep.type = 'button';
      keep.className = 'primary';
      keep.textContent = '保留我的';
      keep.dataset.choice = 'mine';
      keep.addEventListener('click', () => resolve(id, true));
      const take = doc.createElement('button');
      take.type = 'button';
      take.textContent = '采用服务器的';
      take.dataset.choice = 'theirs';
      take.addEventListener('click', () => resolve(id, false));
      actions.append(keep, take);
      box.append(h, versions, actions);
      list.append(box);
    }
    if (!dialog.open) dialog.showModal();
  }

  async function resolve(id, keepMine) {
    const box = $('cl-conflict-list').querySelector(`[data-conflict="${CSS.escape(id)}"]`);
    box?.remove();
    $('cl-conflict-list').querySelector('button')?.focus();
    for (const e of answersOf(id).filter(x => x.status === 'conflict')) {
      if (keepMine) { e.status = 'queued'; delete e.theirs; await putEntry(e); } else { await dropEntry(e); }
    }
    if (!keepMine) { delete snap.drafts[id]; await putSnap(); }
    await reload();
    render();
    showConflicts();
    if (!queue.some(e => e.status === 'conflict')) sync();
  }

  // ---- submit ----
  async function submit(ev) {
    ev.preventDefault();
    const missing = $('cl-missing');
    const note = $('cl-submit-note');
    if (pendingItems().size) return;
    let res;
    try {
      res = await net(`${api}/submit`, { method: 'POST', headers: { 'If-Match': `"${snap.version}"`, 'Idempotency-Key': uuid() } });
    } catch {
      note.textContent = '当前离线，恢复网络后才能提交。';
      note.hidden = false;
      return;
    }
    if (res.ok) { location.reload(); return; }
    const p = await res.json().catch(() => ({}));
    missing.replaceChildren();
    const title = doc.createElement('p');
    title.textContent = p.title || `提交失败（${res.status}）`;
    missing.append(title);
    if (res.status === 422 && p.errors) {
      const ul = doc.createElement('ul');
      for (const [key, messages] of Object.entries(p.errors)) {
        const li = doc.createElement('li');
        const art = byId.get(key);
        if (art) {
          const a = doc.createElement('a');
          a.href = `#item-${key}`;
          a.textContent = `${key} ${titleOf(art)}`;
          li.append(a, `：${messages.join(' ')}`);
        } else {
          li.textContent = `${key}：${messages.join(' ')}`;
        }
        ul.append(li);
      }
      missing.append(ul);
    } else if (res.status === 412) {
      await refresh();
    }
    missing.hidden = false;
    missing.focus?.();
  }

  // ---- start ----
  async function start() {
    snap = await done((await os('snapshots')).get(owner)) || { owner, version: Number(root.dataset.version), view: null, evidence: {}, drafts: {} };
    await reload();
    for (const e of queue) if (e.kind === 'evidence' && e.blob) thumbs.set(e.ref, URL.createObjectURL(e.blob));
    const pageVersion = Number(root.dataset.version);
    if (snap.view) render();
    if (!snap.view || !queue.some(open) || pageVersion > snap.version) {
      try { await refresh(); } catch { /* offline: the page as cached */ }
    }
    if (snap.view) render();
    if (editable) {
      form.addEventListener('change', ev => {
        const art = ev.target.closest('.cl-item');
        if (!art) return;
        if (ev.target.type === 'file') photo(art, ev.target); else changed(art);
      });
      let typing;
      form.addEventListener('input', ev => {
        if (ev.target.tagName !== 'TEXTAREA') return;
        clearTimeout(typing);
        typing = setTimeout(() => changed(ev.target.closest('.cl-item')), 2000);
      });
      form.addEventListener('submit', ev => ev.preventDefault());
      $('cl-submit-form')?.addEventListener('submit', submit);
      addEventListener('online', () => { sync(); });
      addEventListener('offline', () => setOffline(true));
      doc.addEventListener('visibilitychange', () => {
        if (doc.visibilityState === 'hidden' && doc.activeElement?.closest?.('.cl-item')) changed(doc.activeElement.closest('.cl-item'));
        else sync();
      });
      setInterval(() => {
        if (queue.some(e => e.status === 'queued')) sync();
        else if (offline || Date.now() - lastRefresh > 60000) refresh().catch(() => {});
      }, 10000);
      showConflicts();
      sync();
    }
    await cacheForOffline();
    root.dataset.ready = 'true';
  }

  /** The first visit is not yet served by the service worker: put this page and its files in its caches. */
  async function cacheForOffline() {
    if (!self.caches) return;
    try {
      const pages = await caches.open(PAGES);
      if (!(await pages.match(location.pathname))) await pages.add(location.pathname);
      const shell = await caches.open(SHELL);
      const files = [...doc.querySelectorAll('link[rel=stylesheet][href], script[src]')].map(x => x.getAttribute('href') || x.getAttribute('src'));
      for (const f of files) if (!(await shell.match(f))) await shell.add(f);
    } catch { /* offline now: cached on a later visit */ }
  }

  start();

  // ---- the list page: unsynced changes per row, offline notice ----
  async function listPage() {
    const table = doc.querySelector('.cl-list');
    const offlineNote = doc.getElementById('cl-net');
    const show = () => { if (offlineNote) offlineNote.hidden = navigator.onLine; };
    addEventListener('online', show);
    addEventListener('offline', show);
    show();
    if (!table) return;
    for (const row of table.querySelectorAll('[data-assessment]')) {
      const n = new Set((await ownerEntries(`${table.dataset.user}:${row.dataset.assessment}`)).filter(e => e.status !== 'rejected').map(e => e.itemId)).size;
      const badge = row.querySelector('[data-unsynced]');
      badge.textContent = `${n} 项未同步`;
      badge.hidden = n === 0;
    }
    try {
      const pages = await caches.open(PAGES);
      if (!(await pages.match(location.pathname))) await pages.add(location.pathname);
    } catch { /* offline */ }
    table.dataset.ready = 'true';
  }
})();
