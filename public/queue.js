// The queue without page reloads, and with the keyboard. Without this script every action
// still works as a plain form post; this only makes it faster.
(() => {
  'use strict';

  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  const view = new URLSearchParams(location.search).get('view') ?? 'todo';
  const decidedLeaveView = ['todo', 'held', 'flagged'].includes(view);
  const flashBox = document.getElementById('flash');
  const help = document.getElementById('keys-help');
  let rejectPending = false;

  const cards = () => [...document.querySelectorAll('article.comment')];
  const current = () => document.querySelector('article.comment.current');

  function say(text, kind) {
    const p = document.createElement('p');
    p.className = `flash flash-${kind}`;
    p.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    p.textContent = text; // textContent: a message can quote user input, never parse it as HTML
    flashBox.replaceChildren(p);
  }

  function select(card) {
    if (!card) return;
    current()?.classList.remove('current');
    card.classList.add('current');
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
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

  async function decide(card, action, reason) {
    const form = card.querySelector(action === 'approve' ? 'form.decide' : 'form.reject-form');
    const body = new FormData(form);
    body.set('action', action);
    if (reason) body.set('reason', reason);
    const { ok, data } = await post(form.getAttribute('action'), body); // form.action would be the button named "action"
    if (!ok) return say(data.error?.message ?? 'Erreur', 'error');
    say(data.message, 'ok');
    const next = cards()[cards().indexOf(card) + 1];
    if (decidedLeaveView) {
      card.remove();
      select(next ?? cards().at(-1));
    } else {
      location.reload();
    }
  }

  async function undoLast() {
    const { ok, data } = await post('/decisions/undo-last', { _csrf: csrfToken });
    if (!ok) return say(data.error?.message ?? 'Erreur', 'error');
    location.reload();
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!form.classList.contains('decide')) return;
    event.preventDefault();
    const action = event.submitter?.value ?? 'approve';
    decide(form.closest('article.comment'), action);
  });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest('input, select, textarea');
    if (typing) {
      if (event.key === 'Escape') event.target.blur();
      return;
    }
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
      return;
    }
    const actions = {
      j: () => move(1),
      k: () => move(-1),
      a: () => card && decide(card, 'approve'),
      r: () => {
        if (!card) return;
        rejectPending = true;
        card.classList.add('rejecting');
        say('Motif du rejet : 1 à 8, Entrée pour le motif proposé, Échap pour annuler.', 'ok');
      },
      u: () => undoLast(),
      x: () => {
        const box = card?.querySelector('input[type=checkbox]');
        if (box) box.checked = !box.checked;
      },
      '/': () => document.getElementById('search')?.focus(),
      '?': () => (help.open ? help.close() : help.showModal()),
    };
    const run = actions[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  });

  select(cards()[0]);
})();
