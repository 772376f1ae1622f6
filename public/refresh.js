// A running job's page (import, rescoring) reloads itself every two seconds until the job is done.
setTimeout(() => location.reload(), 2000);
