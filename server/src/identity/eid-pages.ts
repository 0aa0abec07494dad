/**
 * Server-rendered pages of the eID node: plain HTML and one stylesheet. Scripts (of this origin
 * only) do two things: submit the sign-out form for Civitas' own app (it works without it, by a
 * button), and the passkey sign-in (WebAuthn has no form; the PIN form works without scripts).
 */
import { EID_TEXTS, type EidLanguage, PASSKEY_PROBLEMS } from './eid-texts.ts';
import type { Role } from './tables.ts';

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
  /** Scripts of this origin the page needs (the sign-out's self-submission, the passkey sign-in). */
  script?: string | readonly string[] | undefined;
}): string {
  const t = EID_TEXTS[language];
  const scripts = [script ?? []]
    .flat()
    .map((src) => `<script src="${escapeHtml(src)}" defer></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(t.brand)}</title>
<link rel="stylesheet" href="/interaction/eid.css">
${scripts}
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
.passkey{background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:16px;display:flex;flex-direction:column;gap:8px;margin-bottom:16px}
.passkey[hidden],[hidden]{display:none}
h2.or{font-size:1rem;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-size:.9rem;background:#fff}
th,td{border:1px solid #d1d5db;padding:6px;text-align:left}
a{color:#004d38}
`;

/** Submits a form marked `data-auto-submit` (the sign-out Civitas' own app asked for). */
export const EID_AUTO_SUBMIT_SCRIPT = `document.querySelector('form[data-auto-submit]')?.submit();
`;

/** The page shown when a sign-in's interaction has expired or never existed. */
export function renderExpiredPage(language: EidLanguage): string {
  const t = EID_TEXTS[language];
  return renderEidPage({
    language,
    title: t.expiredTitle,
    body: `<p role="alert" class="error">${escapeHtml(t.expired)}</p><p><a href="/">${escapeHtml(t.backToCivitas)}</a></p>`,
  });
}

/** The demo accounts' table under the sign-in form (outside production). */
function demoAccountsTable(
  language: EidLanguage,
  accounts: ReadonlyArray<{ role: Role; personalNumber: string; name: string; nameLatin: string }>,
  demoPin: string,
): string {
  if (accounts.length === 0) return '';
  const t = EID_TEXTS[language];
  const rows = accounts
    .map(
      (account) =>
        `<tr><td>${escapeHtml(t.roles[account.role])}</td><td>${escapeHtml(account.personalNumber)}</td><td>${escapeHtml(t.latinNames ? account.nameLatin : account.name)}</td></tr>`,
    )
    .join('');
  return `<h2>${escapeHtml(t.demoAccounts)}</h2><p class="hint">${escapeHtml(t.demoPin)}: <strong>${escapeHtml(demoPin)}</strong></p>
          <table><thead><tr><th scope="col">${escapeHtml(t.columns.role)}</th><th scope="col">${escapeHtml(t.columns.personalNumber)}</th><th scope="col">${escapeHtml(t.columns.name)}</th></tr></thead><tbody>
          ${rows}</tbody></table>`;
}

/**
 * The passkey sign-in, hidden until the page's script finds WebAuthn in the browser; its refusals
 * in the page's language, by problem code. Left out when the relying party asks for a level of
 * assurance no passkey gives.
 */
function passkeySection(language: EidLanguage, action: string): string {
  const t = EID_TEXTS[language].passkey;
  const problems = PASSKEY_PROBLEMS.map(
    (code) => ` data-problem-${code}="${escapeHtml(t.problems[code])}"`,
  ).join('');
  return `<section id="passkey" class="passkey" hidden data-action="${escapeHtml(action)}/passkey"${problems} aria-labelledby="passkey-button">
            <button id="passkey-button" class="primary" type="button">${escapeHtml(t.signIn)}</button>
            <p class="hint">${escapeHtml(t.hint)}</p>
            <p role="alert" class="error" hidden></p>
          </section>
          <h2 class="or">${escapeHtml(t.orWithPin)}</h2>`;
}

/** The scripts of the sign-in page: the WebAuthn library and the passkey button. */
export const LOGIN_PAGE_SCRIPTS = ['/interaction/webauthn.js', '/interaction/eid-passkey.js'] as const;

/** The PIN sign-in form, with the refusal to fix (if any) and the demo accounts (outside production). */
export function renderLoginPage(page: {
  language: EidLanguage;
  uid: string;
  /** Whether a passkey can give what the relying party asks for (else only the PIN is offered). */
  passkeys?: boolean;
  error?: string | undefined;
  personalNumber?: string | undefined;
  demoAccounts: ReadonlyArray<{ role: Role; personalNumber: string; name: string; nameLatin: string }>;
  demoPin: string;
}): string {
  const { language, error, personalNumber = '' } = page;
  const t = EID_TEXTS[language];
  const action = `/interaction/${encodeURIComponent(page.uid)}`;
  // After a refusal the personal number stays, and the PIN (the field to fix) has the focus.
  const numberFocus = personalNumber ? '' : ' autofocus';
  const pinFocus = personalNumber ? ' autofocus' : '';
  const passkeys = page.passkeys ?? true;
  return renderEidPage({
    language,
    title: t.signInTitle,
    script: passkeys ? LOGIN_PAGE_SCRIPTS : undefined,
    body: `${error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ''}
          ${passkeys ? passkeySection(language, action) : ''}
          <form method="post" action="${action}/login" autocomplete="off">
            <label>${escapeHtml(t.personalNumber)}<input name="personalNumber" inputmode="numeric" maxlength="10" required value="${escapeHtml(personalNumber)}"${numberFocus}></label>
            <label>${escapeHtml(t.pin)}<input name="pin" type="password" inputmode="numeric" maxlength="8" required${pinFocus}></label>
            <button class="primary" type="submit">${escapeHtml(t.signIn)}</button>
          </form>
          <form method="post" action="${action}/abort"><button type="submit">${escapeHtml(t.cancel)}</button></form>
          ${demoAccountsTable(language, page.demoAccounts, page.demoPin)}`,
  });
}
