/**
 * Server-rendered pages of the eID node: plain HTML and one stylesheet. The only script is the
 * one that submits the sign-out form for Civitas' own app (it works without it, by a button).
 */
import { EID_TEXTS, type EidLanguage } from './eid-texts.ts';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

export function renderEidPage({
  title,
  body,
  language = 'en',
  script,
}: {
  title: string;
  body: string;
  /** The page's language (see `eidLanguage`); its words are in `eid-texts.ts`. */
  language?: EidLanguage;
  /** A script of this origin the page needs (the sign-out's self-submission only). */
  script?: string | undefined;
}): string {
  const t = EID_TEXTS[language];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(t.brand)}</title>
<link rel="stylesheet" href="/interaction/eid.css">
${script ? `<script src="${escapeHtml(script)}" defer></script>` : ''}
</head>
<body>
<header><span class="brand">${escapeHtml(t.brand)}</span><span class="sub">${escapeHtml(t.demoNode)}</span></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export const EID_STYLESHEET = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#111827;line-height:1.5}
header{background:#007a5a;color:#fff;padding:12px 16px;display:flex;flex-direction:column}
.brand{font-weight:700;font-size:1.1rem}.sub{font-size:.85rem;opacity:.95}
main{max-width:28rem;margin:0 auto;padding:16px}
h1{font-size:1.4rem;margin:8px 0 16px}
form{background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:16px;display:flex;flex-direction:column;gap:12px}
label{font-weight:600;display:flex;flex-direction:column;gap:4px}
input{font:inherit;padding:10px;border:2px solid #4b5563;border-radius:6px}
input:focus,button:focus,a:focus{outline:3px solid #f59e0b;outline-offset:2px}
button{font:inherit;padding:12px;border-radius:6px;border:2px solid #004d38;cursor:pointer;background:#fff;color:#004d38}
button.primary{background:#004d38;color:#fff;font-weight:700}
.error{background:#fef2f2;border:2px solid #b91c1c;color:#7f1d1d;padding:10px;border-radius:6px}
.hint{font-size:.9rem;color:#374151}
table{border-collapse:collapse;width:100%;font-size:.9rem;background:#fff}
th,td{border:1px solid #d1d5db;padding:6px;text-align:left}
a{color:#004d38}
`;

/** Submits a form marked `data-auto-submit` (the sign-out Civitas' own app asked for). */
export const EID_AUTO_SUBMIT_SCRIPT = `document.querySelector('form[data-auto-submit]')?.submit();
`;
