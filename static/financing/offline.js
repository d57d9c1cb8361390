/* Offline visits for mentors.
 *
 * - Registers the service worker; "Kelompok saya" asks it to keep its groups' pages and visit
 *   forms, and marks <html data-offline-ready> when that is done.
 * - The visit form (form[data-offline-queue]) is sent with fetch, asking for JSON. Without a
 *   connection the visit goes into a queue in IndexedDB, keyed by its idempotency key.
 * - The queue is sent on load, when the connection returns and every 30 s. The server saves
 *   each key once, so sending an entry again after a lost answer is safe.
 * - [data-offline-status] says how many visits wait; its texts come translated from the page.
 */
(() => {
  'use strict';

  const script = document.currentScript;
  const DB_NAME = 'pendampingan';
  const STORE = 'kunjungan';
  const FLASH = 'pendampingan-pesan';
  const SEND_TIMEOUT_MS = 20000;
  const FLUSH_EVERY_MS = 30000;

  const box = document.querySelector('[data-offline]');
  const status = document.querySelector('[data-offline-status]');
  const attention = document.querySelector('[data-offline-attention]');
  const texts = box ? box.dataset : {};

  // The queue: one IndexedDB record per visit.

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () =>
        request.result.createObjectStore(STORE, { keyPath: 'idempotency_key' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function withStore(mode, action) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
      transaction.onerror = transaction.onabort = () => {
        db.close();
        reject(transaction.error);
      };
    });
  }

  const queue = {
    all: async () => {
      const entries = await withStore('readonly', (store) => store.getAll());
      return entries.sort((a, b) => (a.saved_at < b.saved_at ? -1 : 1));
    },
    get: (key) => withStore('readonly', (store) => store.get(key)),
    put: (entry) => withStore('readwrite', (store) => store.put(entry)),
    remove: (key) => withStore('readwrite', (store) => store.delete(key)),
  };

  // Sending.

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function fieldsOf(form) {
    const fields = {};
    for (const [name, value] of new FormData(form)) {
      if (typeof value !== 'string') continue; // a photo cannot be kept in the queue
      fields[name] = name in fields ? [].concat(fields[name], value) : value;
    }
    return fields;
  }

  /* Field names to what the form calls them, to show the server's errors away from the form. */
  function labelsOf(form) {
    const labels = {};
    for (const input of form.elements) {
      const group = input.type === 'radio' && input.closest('fieldset');
      const label = group ? group.querySelector('legend') : input.labels && input.labels[0];
      if (input.name && label && !(input.name in labels)) {
        labels[input.name] = label.textContent.trim();
      }
    }
    return labels;
  }

  function bodyOf(fields) {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      for (const one of [].concat(value)) body.append(name, one);
    }
    return body;
  }

  /* POST and read the JSON answer; throws when there is no connection (or it is too slow). */
  async function post(url, body) {
    // The cookie's token is the current one even if the form was kept from an older page.
    const token = csrfToken() || body.get('csrfmiddlewaretoken') || '';
    body.set('csrfmiddlewaretoken', token);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-CSRFToken': token },
        signal: controller.signal,
      });
      const isJson = (response.headers.get('Content-Type') || '').includes('application/json');
      return { response, data: isJson ? await response.json() : null };
    } finally {
      clearTimeout(timer);
    }
  }

  function saved(answer) {
    return answer.response.ok && answer.data && answer.data.saved === true;
  }

  function errorMessages(answer, labels) {
    const errors = (answer.data && answer.data.errors) || {};
    const messages = [];
    for (const [name, list] of Object.entries(errors)) {
      for (const error of list) {
        messages.push(labels && labels[name] ? `${labels[name]}: ${error.message}` : error.message);
      }
    }
    const refused = (texts.refused || '').replace('{status}', answer.response.status);
    return messages.length ? messages : [refused];
  }

  let loginUrl = '';

  async function sendQueued() {
    if (!navigator.onLine) return;
    for (const entry of await queue.all()) {
      if (entry.errors) continue; // waits for the mentor to correct it
      let answer;
      try {
        answer = await post(entry.url, bodyOf(entry.fields));
      } catch (error) {
        return; // no connection after all: the next attempt sends it
      }
      if (saved(answer)) {
        await queue.remove(entry.idempotency_key);
        loginUrl = '';
        flash = ''; // "kept on the phone" no longer holds
      } else if (answer.response.redirected) {
        loginUrl = answer.response.url; // the session ended: the login page answered
        return;
      } else if (answer.response.status >= 400 && answer.response.status < 500) {
        entry.errors = errorMessages(answer, entry.labels);
        await queue.put(entry);
      } // a server error: keep it and try again later
    }
  }

  let running = null;
  let next = null;

  /* Send the queue; a call while a run is going (say, 'online' during the run at load, made
   * while offline) starts one more run after it instead of being lost. */
  function flush() {
    if (!running) {
      running = sendQueued()
        .catch(() => {})
        .then(render)
        .finally(() => {
          running = null;
        });
      return running;
    }
    if (!next) {
      next = running.then(() => {
        next = null;
        return flush();
      });
    }
    return next;
  }

  // The status: how many visits wait, and those that need the mentor.

  let flash = '';
  let shown = '';

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.assign(node, attributes || {});
    return node;
  }

  function attentionItem(entry) {
    const item = element('li');
    const when = new Date(entry.saved_at).toLocaleString(document.documentElement.lang || 'id', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    item.append(element('strong', entry.group), ` · ${when}`);
    const errors = element('ul');
    for (const message of entry.errors) errors.append(element('li', message));
    const open = element('a', texts.openAgain, {
      href: `${entry.url}#antrean-${entry.idempotency_key}`,
    });
    const discard = element('button', texts.discard, { type: 'button', className: 'link' });
    discard.addEventListener('click', async () => {
      if (!window.confirm(texts.discardConfirm)) return;
      await queue.remove(entry.idempotency_key);
      render();
    });
    item.append(errors, open, ' · ', discard);
    return item;
  }

  async function render() {
    if (!box) return;
    let entries = [];
    try {
      entries = await queue.all();
    } catch (error) {
      // No IndexedDB here: nothing can be waiting.
    }
    const count = entries.length;
    const counter = count
      ? (count === 1 ? texts.waitingOne : texts.waitingMany).replace('{count}', count)
      : texts.allSent;
    const needsWork = entries.filter((entry) => entry.errors);
    // Only a change is written, so that screen readers announce changes, not the 30 s tick.
    const signature = JSON.stringify([flash, counter, loginUrl, needsWork]);
    if (signature === shown) return;
    shown = signature;
    status.textContent = [flash, counter].filter(Boolean).join(' ');
    attention.replaceChildren();
    if (loginUrl && count) {
      const login = element('p');
      login.append(element('a', texts.loginNeeded, { href: loginUrl }));
      attention.append(login);
    }
    if (needsWork.length) {
      const list = element('ul');
      list.append(...needsWork.map(attentionItem));
      attention.append(element('p', texts.attention), list);
    }
  }

  // The visit form.

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function fill(form, fields) {
    for (const input of form.elements) {
      if (!input.name || input.type === 'file' || input.name === 'csrfmiddlewaretoken') continue;
      const values = [].concat(input.name in fields ? fields[input.name] : []);
      if (input.type === 'checkbox' || input.type === 'radio') {
        input.checked = values.includes(input.value);
      } else if ('value' in input && input.tagName !== 'BUTTON') {
        input.value = values.length ? values[0] : '';
      }
    }
  }

  function setUpVisitForm(form) {
    const key = form.elements.namedItem('idempotency_key');
    const button = form.querySelector('[type=submit]');
    const url = form.action.split('#')[0];
    // A copy of the form kept for offline use still carries the key it was rendered with,
    // maybe one already sent: each opening gets a new key. A form sent back with errors
    // keeps the key it was posted with, since nothing was saved under it.
    if (!('bound' in form.dataset)) key.value = newKey();
    // "Buka dan perbaiki" on a queued visit: the form opens with what was typed then.
    const reopened = location.hash.startsWith('#antrean-') ? location.hash.slice(9) : '';
    if (reopened) {
      queue.get(reopened).then((entry) => entry && fill(form, entry.fields), () => {});
    }
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) button.disabled = false; // back to a form already sent
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      const entry = {
        url,
        fields: fieldsOf(form),
        labels: labelsOf(form),
        idempotency_key: key.value,
        group: form.dataset.groupName,
        saved_at: new Date().toISOString(),
      };
      if (navigator.onLine) {
        let answer = null;
        try {
          answer = await post(url, new FormData(form));
        } catch (error) {
          // No connection after all (or far too slow): keep it below.
        }
        if (answer && saved(answer)) {
          await queue.remove(entry.idempotency_key).catch(() => {});
          sessionStorage.setItem(FLASH, texts.saved || '');
          location.assign(answer.data.url);
          return;
        }
        if (answer) {
          // Wrong figures, or anything unexpected: the server shows it as a normal page,
          // with everything typed kept. (form.submit() does not come back here.)
          form.action = url;
          form.submit();
          return;
        }
      }
      try {
        await queue.put(entry);
      } catch (error) {
        flash = texts.notStored;
        button.disabled = false;
        render();
        return;
      }
      const photo = [...form.querySelectorAll('input[type=file]')].some((i) => i.files.length);
      const message = photo ? `${texts.queued} ${texts.photoLeft}` : texts.queued;
      if (navigator.serviceWorker && navigator.serviceWorker.controller && script.dataset.home) {
        sessionStorage.setItem(FLASH, message);
        location.assign(script.dataset.home); // Kelompok saya, from the phone's copy
      } else {
        // No kept copy of Kelompok saya to go back to: say it here.
        flash = message;
        button.disabled = false;
        render();
      }
    });
  }

  // The service worker, and keeping pages for offline use.

  function ask(worker, message) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      worker.postMessage(message, [channel.port2]);
    });
  }

  async function startServiceWorker() {
    if (!('serviceWorker' in navigator) || !script.dataset.sw) return;
    await navigator.serviceWorker.register(script.dataset.sw);
    if (!('precache' in script.dataset) || !navigator.onLine) return;
    const registration = await navigator.serviceWorker.ready;
    const urls = [
      location.href.split('#')[0],
      ...[...document.querySelectorAll('main a[href]')].map((link) => link.href),
      ...[...document.querySelectorAll('link[rel=stylesheet]')].map((link) => link.href),
      ...[...document.querySelectorAll('script[src]')].map((tag) => tag.src),
    ];
    const result = await ask(registration.active, { type: 'precache', urls });
    document.documentElement.dataset.offlineReady = result.failed ? 'partial' : 'true';
  }

  function forgetPagesOnLogout() {
    // Kept pages show groups' figures: a phone handed to someone else should not keep them.
    // Queued visits stay, so that logging out never loses one.
    for (const form of document.querySelectorAll('form[action]')) {
      if (form.getAttribute('action') !== script.dataset.logout || !window.caches) continue;
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          for (const name of await caches.keys()) {
            if (name.startsWith('pendampingan-')) await caches.delete(name);
          }
        } finally {
          form.submit();
        }
      });
    }
  }

  // Start.

  if (box) box.hidden = false;
  flash = sessionStorage.getItem(FLASH) || '';
  sessionStorage.removeItem(FLASH);
  const form = document.querySelector('form[data-offline-queue]');
  if (form) setUpVisitForm(form);
  forgetPagesOnLogout();
  startServiceWorker().catch(() => {});
  flush();
  window.addEventListener('online', flush);
  window.addEventListener('pageshow', (event) => event.persisted && flush());
  setInterval(() => navigator.onLine && flush(), FLUSH_EVERY_MS);
  // For support staff (and tests) in the browser console.
  window.pendampinganOffline = { queue, flush };
})();
