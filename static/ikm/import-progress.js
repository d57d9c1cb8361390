/* Import progress: while a file is being checked, ask status.json every second (each ask
 * moves the check on by one chunk), update the bar, and reload the page when it is done.
 * Without JavaScript the page refreshes itself (<noscript> meta refresh).
 * The confirm button says it is busy and cannot be pressed twice.
 */
(() => {
  'use strict';

  const box = document.querySelector('[data-import-progress]');
  const confirmForm = document.querySelector('[data-import-confirm]');

  if (confirmForm) {
    confirmForm.addEventListener('submit', () => {
      const button = confirmForm.querySelector('button[type=submit]');
      button.disabled = true;
      button.textContent = button.dataset.busyText;
    });
  }

  if (!box || box.dataset.inProgress !== '1') return;
  const bar = box.querySelector('[data-import-bar]');
  const status = box.querySelector('[data-import-status]');
  const count = box.querySelector('[data-import-count]');

  async function poll() {
    try {
      const response = await fetch(box.dataset.statusUrl, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!response.ok) throw new Error(response.statusText);
      const job = await response.json();
      if (bar) bar.value = job.percent;
      if (status) status.textContent = job.status_label;
      if (count) count.textContent = `${job.processed_rows} / ${job.total_rows}`;
      if (!job.in_progress) {
        window.location.reload();
        return;
      }
    } catch (error) {
      // A lost connection: try again a little later.
    }
    window.setTimeout(poll, 1000);
  }

  window.setTimeout(poll, 300);
})();
