// board.js - the board report, rendered by the server (/api/v1/report/board)
// and shown here in a frame: that one route lets its own origin frame it
// (frame-ancestors 'self'); every other response keeps 'none'.
import { h, empty } from '../svg.js';

const REPORT = '/api/v1/report/board';

export async function render(view) {
  const res = await fetch(REPORT, { credentials: 'same-origin', method: 'HEAD' });
  if (!res.ok) {
    view.append(empty(res.status === 404 ? 'This server does not produce the board report yet.'
      : res.status === 403 ? 'Your role may not read the board report.' : `The board report is unavailable (${res.status}).`));
    return;
  }
  // No scripts in the frame (the sandbox and the report's own policy);
  // same origin only so the page can size the frame to the report.
  const frame = h('iframe', { id: 'board-frame', src: REPORT, title: 'Board report', sandbox: 'allow-same-origin', class: 'report-frame' });
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  view.append(h('p', { class: 'card' }, 'The board report: risk posture and trend, the top risks in money and hours, ',
    'what is being done, compliance against deadlines, incidents and drills. ',
    h('a', { href: REPORT, target: '_blank', rel: 'noopener', id: 'board-link' }, 'Open it on its own page'),
    ' to print it or save it as PDF, or run `seawall report board -o FILE.pdf`.'), frame);
  await loaded;
  const doc = frame.contentDocument;
  if (doc && doc.documentElement) frame.style.height = (doc.documentElement.scrollHeight + 24) + 'px';
}
