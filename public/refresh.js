// A running import's page reloads itself every two seconds until the job is done.
setTimeout(() => location.reload(), 2000);
