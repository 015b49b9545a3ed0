// Progress of the feedback-letter zip job: starts it from the dashboard without leaving the page, and polls
// GET /api/report-jobs/{id} (done / total) until the file is ready. Without script the form posts to the page,
// which redirects to the job's status page (it refreshes itself).
(() => {
  'use strict';
  const statusText = { Queued: '排队中', Running: '生成中', Completed: '已完成', Failed: '失败' };

  async function poll(id, show) {
    for (;;) {
      const response = await fetch(`/api/report-jobs/${id}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const job = await response.json();
      show(job);
      if (job.status === 'Completed' || job.status === 'Failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  // The job's own page: update in place.
  const page = document.querySelector('[data-job-id]');
  if (page) {
    const bar = page.querySelector('progress');
    const count = page.querySelector('[data-job-count]');
    const state = page.querySelector('[data-job-state]');
    const file = page.querySelector('[data-job-file]');
    const hint = page.querySelector('[data-job-hint]');
    if (hint) hint.textContent = '正在生成，完成后出现下载按钮。';
    poll(page.dataset.jobId, (job) => {
      bar.max = Math.max(job.total, 1);
      bar.value = job.done;
      count.textContent = `${job.done} / ${job.total}`;
      state.textContent = statusText[job.status] || job.status;
      if (job.fileUrl) { file.href = job.fileUrl; file.hidden = false; if (hint) hint.hidden = true; }
    }).catch(() => { if (hint) hint.textContent = '无法获取进度，请刷新页面。'; });
  }

  // The dashboard: start through the API and show progress under the button.
  const form = document.querySelector('form[data-zip-job]');
  if (form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button');
      const box = form.querySelector('[data-job-progress]');
      const bar = box.querySelector('progress');
      const count = box.querySelector('[data-job-count]');
      const status = box.querySelector('[data-job-status]');
      const file = box.querySelector('[data-job-file]');
      button.disabled = true;
      box.hidden = false;
      file.hidden = true;
      try {
        const response = await fetch(`/api/cycles/${form.dataset.cycle}/reports/feedback-zip`, { method: 'POST', headers: { Accept: 'application/json' } });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const started = await response.json();
        status.href = `/bureau/report-jobs/${started.id}`;
        status.hidden = false;
        const job = await poll(started.id, (j) => {
          bar.max = Math.max(j.total, 1);
          bar.value = j.done;
          count.textContent = `${j.done} / ${j.total} · ${statusText[j.status] || j.status}`;
        });
        if (job.fileUrl) { file.href = job.fileUrl; file.hidden = false; }
      } catch {
        form.submit();
        return;
      } finally {
        button.disabled = false;
      }
    });
  }
})();
