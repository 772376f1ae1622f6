// The queue without page reloads, and with the keyboard. Without this script every action
// still works as a plain form post; this only makes it faster.
(() => {
  'use strict';

  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  const view = new URLSearchParams(location.search).get('view') ?? 'todo';
  const decidedLeaveView = ['todo', 'held', 'flagged'].includes(view);
  const flashBox = document.getElementById('flash');
  const help = document.getElementById('keys-help');
  const text = JSON.parse(document.getElementById('queue-text')?.dataset.text ?? '{}');
  // A card that has just come up is not decided before a person can have seen it: a second,
  // quick press of the same key (or a held key) would otherwise decide the next comment unread.
  const MIN_DWELL_MS = 400;
  let rejectPending = false;
  let inFlight = false;
  let shownAt = Number.NEGATIVE_INFINITY;

  const cards = () => [...document.querySelectorAll('#cards article.comment')];
  const current = () => document.querySelector('#cards article.comment.current');

  /** A message beside the card it is about (or at the top when there is no card). */
  function say(message, kind, card = current()) {
    const p = document.createElement('p');
    p.className = `flash flash-${kind} card-note`;
    p.id = 'card-note';
    p.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    p.textContent = message; // textContent: a message can quote user input, never parse it as HTML
    document.getElementById('card-note')?.remove();
    if (card?.isConnected) card.before(p);
    else flashBox.replaceChildren(p);
  }

  function select(card, { fresh = false } = {}) {
    if (!card) return;
    const previous = current();
    if (previous !== card) {
      previous?.classList.remove('current');
      card.classList.add('current');
      if (fresh) shownAt = performance.now();
    }
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
    document.dispatchEvent(new CustomEvent('crible:select', { detail: { card } }));
  }

  function move(step) {
    const list = cards();
    const index = list.indexOf(current());
    select(list[Math.min(Math.max(index + step, 0), list.length - 1)] ?? list[0]);
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
      body: new URLSearchParams(body),
    });
    const data = await response.json().catch(() => ({ error: { message: `Erreur ${response.status}` } }));
    return { ok: response.ok, data };
  }

  /** Fetches this page again and puts its cards, tabs and pager in place of the current ones. */
  async function reloadCards() {
    const response = await fetch(location.href, { headers: { Accept: 'text/html' } });
    if (!response.ok) return false;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const selector of ['#cards', 'nav.tabs', 'nav.pager', '.queue-total']) {
      const replacement = fresh.querySelector(selector);
      if (replacement) document.querySelector(selector)?.replaceWith(document.adoptNode(replacement));
    }
    document.dispatchEvent(new CustomEvent('crible:cards'));
    return true;
  }

  /** After a card left: the next one, or the next page once this one is empty. */
  async function moveOn(next, message) {
    if (next?.isConnected) {
      select(next, { fresh: true });
      return say(message, 'ok', next);
    }
    if (cards().length === 0) {
      await reloadCards();
      const first = cards()[0];
      if (first) select(first, { fresh: true });
      return say(first ? `${message} ${text.nextPageLoaded ?? ''}`.trim() : message, 'ok', first);
    }
    select(cards().at(-1), { fresh: true });
    say(message, 'ok');
  }

  function canDecide(card) {
    return card && !inFlight && !card.classList.contains('taken') && performance.now() - shownAt >= MIN_DWELL_MS;
  }

  async function decide(card, action, reason) {
    if (!canDecide(card)) return;
    inFlight = true;
    card.classList.add('deciding');
    try {
      const form = card.querySelector(action === 'approve' ? 'form.decide' : 'form.reject-form');
      const body = new FormData(card.querySelector('form.reject-form'));
      body.set('action', action);
      if (reason) body.set('reason', reason);
      if (action === 'approve') body.delete('reason');
      const { ok, data } = await post(form.getAttribute('action'), body); // form.action would be the button named "action"
      if (!ok) {
        card.classList.remove('deciding');
        // Someone else decided it: the card is stale, take it out of the way.
        if (data.error?.code === 'conflict') return markTaken(card, data.error.message);
        return say(data.error?.message ?? 'Erreur', 'error', card);
      }
      const next = cards()[cards().indexOf(card) + 1];
      if (decidedLeaveView) {
        card.remove();
        await moveOn(next, data.message);
      } else {
        await reloadCards();
        const again = document.getElementById(card.id);
        await moveOn(again ? cards()[cards().indexOf(again) + 1] ?? again : next, data.message);
      }
    } finally {
      inFlight = false;
    }
  }

  /** A card someone else decided or is looking at: greyed with who, and skipped. */
  function markTaken(card, message) {
    card.classList.add('taken');
    card.classList.remove('deciding');
    let label = card.querySelector('.taken-label');
    if (!label) {
      label = document.createElement('p');
      label.className = 'taken-label';
      card.querySelector('.comment-head')?.after(label);
    }
    label.textContent = message;
    if (card === current()) {
      const next = cards().find((c, i) => i > cards().indexOf(card) && !c.classList.contains('taken'));
      if (next) select(next, { fresh: true });
    }
  }

  async function undoLast() {
    if (inFlight) return;
    inFlight = true;
    try {
      const { ok, data } = await post('/decisions/undo-last', { _csrf: csrfToken });
      if (!ok) return say(data.error?.message ?? 'Erreur', 'error');
      await reloadCards();
      const back = data.result?.commentIds?.map((id) => document.getElementById(`c${id}`)).find(Boolean);
      const card = back ?? cards()[0];
      if (card) select(card, { fresh: true });
      say(data.message, 'ok', card);
    } finally {
      inFlight = false;
    }
  }

  async function bulk(form, action) {
    if (inFlight) return;
    inFlight = true;
    try {
      const body = new FormData(form);
      body.set('action', action);
      const { ok, data } = await post(form.getAttribute('action'), body);
      if (!ok) return say(data.error?.message ?? 'Erreur', 'error');
      const decided = new Set((data.result?.decided ?? []).map(String));
      const list = cards();
      const after = list.filter((c) => !decided.has(c.dataset.id));
      if (decidedLeaveView) for (const c of list) if (decided.has(c.dataset.id)) c.remove();
      form.closest('section.pile-on')?.remove();
      const next = after.find((c) => c.isConnected) ?? null;
      if (!decidedLeaveView) await reloadCards();
      await moveOn(next ?? cards()[0], data.message);
    } finally {
      inFlight = false;
    }
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form.classList.contains('decide')) {
      event.preventDefault();
      const card = form.closest('article.comment');
      // A click is a deliberate act on a card already read: no dwell wait.
      shownAt = Number.NEGATIVE_INFINITY;
      decide(card, event.submitter?.value ?? (form.classList.contains('reject-form') ? 'reject' : 'approve'));
    } else if (form.classList.contains('bulk')) {
      event.preventDefault();
      bulk(form, event.submitter?.value ?? 'approve');
    }
  });

  document.addEventListener('focusin', (event) => {
    const card = event.target.closest?.('#cards article.comment');
    if (card && card !== current()) select(card);
  });

  const DECISION_KEYS = new Set(['a', 'r', 'u', 'Enter', '1', '2', '3', '4', '5', '6', '7', '8']);

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest('input, select, textarea');
    if (typing) {
      if (event.key === 'Escape') {
        event.target.blur();
        current()?.focus({ preventScroll: true });
      }
      return;
    }
    // A held key repeats: one decision per press, never one per repeat.
    if (event.repeat && DECISION_KEYS.has(event.key)) return event.preventDefault();
    const card = current();
    if (rejectPending) {
      rejectPending = false;
      card?.classList.remove('rejecting');
      const options = card?.querySelectorAll('form.reject-form select option') ?? [];
      if (/^[1-8]$/.test(event.key) && options[Number(event.key) - 1]) {
        event.preventDefault();
        return decide(card, 'reject', options[Number(event.key) - 1].value);
      }
      if (event.key === 'Enter' || event.key === 'r') {
        event.preventDefault();
        return decide(card, 'reject');
      }
      document.getElementById('card-note')?.remove();
      return;
    }
    const follow = (selector) => {
      const link = card?.querySelector(selector) ?? document.querySelector(selector);
      if (link) location.assign(link.href);
    };
    const actions = {
      j: () => move(1),
      k: () => move(-1),
      a: () => decide(card, 'approve'),
      r: () => {
        if (!canDecide(card)) return;
        rejectPending = true;
        card.classList.add('rejecting');
        say(text.rejectPrompt, 'ok', card);
      },
      u: () => undoLast(),
      x: () => {
        const box = card?.querySelector('input[type=checkbox]');
        if (box) box.checked = !box.checked;
      },
      n: () => card?.querySelector('input[name=note]')?.focus(),
      i: () => document.dispatchEvent(new CustomEvent('crible:author', { detail: { card } })),
      h: () => follow('a.history'),
      p: () => follow('nav.pager a[rel=next]'),
      P: () => follow('nav.pager a[rel=prev]'),
      '/': () => document.getElementById('search')?.focus(),
      '?': () => (help.open ? help.close() : help.showModal()),
    };
    const run = actions[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  });

  window.crible = { cards, current, select, say, markTaken, reloadCards };
  select(cards()[0]);
})();
