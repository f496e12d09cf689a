/* global performance, process */
// The dashboard bench's load: autocannon in a process of its own, so that generating the requests
// and timing the responses neither runs on the event loop of the dashboard it measures nor counts
// in its memory (analysts' browsers are other machines). Takes its settings in the first message
// and answers with every response's latency in ms.
import { once } from 'node:events';
import autocannon from 'autocannon';

const [{ url, connections, seconds, cookie, paths }] = await once(process, 'message');
let next = 0;
const latencies = [];
let non2xx = 0;
const instance = autocannon({
  url,
  connections,
  duration: seconds,
  headers: { cookie },
  // The ad page: a different ad at every request, so no one document stays hot.
  ...(paths
    ? {
        requests: [
          { setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) },
        ],
      }
    : {}),
});
instance.on('response', (_client, status, _bytes, millis) => {
  latencies.push(millis);
  if (status < 200 || status > 299) non2xx += 1;
});
// The counts are taken here: with `response` listened to, autocannon's own result is not needed.
const started = performance.now();
await instance;
const elapsedSecs = (performance.now() - started) / 1000;
process.send({ latencies, requestsPerSec: latencies.length / elapsedSecs, non2xx }, () =>
  process.disconnect(),
);
