// board.js - the board report, rendered by the server (/api/v1/report/board).
// It opens on its own page: every response carries frame-ancestors 'none',
// so it cannot be framed, and it is meant to be printed or saved as PDF.
import { h, empty } from '../svg.js';

export async function render(view) {
  const res = await fetch('/api/v1/report/board', { credentials: 'same-origin', method: 'HEAD' });
  if (!res.ok) {
    view.append(empty(res.status === 404 ? 'This server does not produce the board report yet.'
      : res.status === 403 ? 'Your role may not read the board report.' : `The board report is unavailable (${res.status}).`));
    return;
  }
  view.append(h('p', { class: 'card narrow' }, 'The board report: risk posture and trend, the top risks in money and hours, ',
    'what is being done, compliance against deadlines, incidents and drills. ',
    h('a', { href: '/api/v1/report/board', target: '_blank', rel: 'noopener', id: 'board-link' }, 'Open the board report'),
    ' (print it or save it as PDF from the browser, or run `seawall report board -o FILE.pdf`).'));
}
