// board.js - the board report, rendered by the server (/api/v1/report/board)
// and shown here in a frame: that one route lets its own origin frame it
// (frame-ancestors 'self'); every other response keeps 'none'.
import { h, empty } from '../svg.js';

const REPORT = '/api/v1/report/board';

// The frame's document when the report loaded in it; null when the browser
// blocked it (an error answer keeps frame-ancestors 'none') or it is not HTML.
function reportIn(frame) {
  try {
    const doc = frame.contentDocument;
    return doc && doc.contentType === 'text/html' && doc.querySelector('h1') ? doc : null;
  } catch (e) {
    return null;
  }
}

export async function render(view) {
  // No scripts in the frame (the sandbox and the report's own policy);
  // same origin only so the page can size the frame to the report. The
  // report is built once, for the frame; only a failure asks again why.
  const frame = h('iframe', { id: 'board-frame', src: REPORT, title: 'Board report', sandbox: 'allow-same-origin', class: 'report-frame' });
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const intro = h('p', { class: 'card' }, 'The board report: risk posture and trend, the top risks in money and hours, ',
    'what is being done, compliance against deadlines, incidents and drills. ',
    h('a', { href: REPORT, target: '_blank', rel: 'noopener', id: 'board-link' }, 'Open it on its own page'),
    ' to print it or save it as PDF, or run `seawall report board -o FILE.pdf`.');
  view.append(intro, frame);
  await loaded;
  const doc = reportIn(frame);
  if (doc) {
    frame.style.height = (doc.documentElement.scrollHeight + 24) + 'px';
    return;
  }
  intro.remove();
  frame.remove();
  const res = await fetch(REPORT, { credentials: 'same-origin', method: 'HEAD' });
  view.append(empty(res.status === 404 ? 'This server does not produce the board report yet.'
    : res.status === 403 ? 'Your role may not read the board report.'
      : res.status === 409 ? 'The board report is not ready: no port model is loaded, or the risk register has errors.'
        : `The board report is unavailable (${res.status}).`));
}
