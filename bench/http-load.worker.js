/* global performance */
// The dashboard bench's load: autocannon in a worker thread of its own, so that generating the
// requests and timing the responses does not run on the event loop of the dashboard it
// measures (analysts' browsers are other machines). Posts every response's latency in ms.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, connections, seconds, cookie, paths } = workerData;
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
// Off the main thread autocannon leaves its result unaggregated: the counts are taken here.
const started = performance.now();
await instance;
const elapsedSecs = (performance.now() - started) / 1000;
parentPort?.postMessage({ latencies, requestsPerSec: latencies.length / elapsedSecs, non2xx });
