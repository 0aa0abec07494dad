import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * `@simplewebauthn/browser`'s own browser bundle (a UMD script defining `SimpleWebAuthnBrowser`),
 * served from this origin: the pages' CSP allows scripts of this origin only.
 */
export function webAuthnBrowserBundle(): string {
  const entry = createRequire(import.meta.url).resolve('@simplewebauthn/browser');
  return fs.readFileSync(path.join(path.dirname(entry), '..', 'dist', 'bundle', 'index.umd.min.js'), 'utf8');
}

/**
 * The sign-in page's passkey button: shown only where the browser can use passkeys; asks the eID
 * for options, lets the authenticator sign (discoverable credential: no personal number is
 * typed), posts the answer and follows where the eID sends the person. A refusal is shown in the
 * page's language (the texts are in the section's `data-` attributes, by problem code) and the
 * PIN field takes the focus: the PIN is always the way left.
 */
export const EID_PASSKEY_SCRIPT = `(function () {
  var section = document.getElementById('passkey');
  var lib = window.SimpleWebAuthnBrowser;
  if (!section || !lib || !lib.browserSupportsWebAuthn()) return;
  section.hidden = false;
  var button = section.querySelector('button');
  var status = section.querySelector('[role="alert"]');
  var base = section.getAttribute('data-action');
  function show(code) {
    var text = section.getAttribute('data-problem-' + code) || section.getAttribute('data-problem-failed');
    status.textContent = text;
    status.hidden = false;
    button.disabled = false;
    var pin = document.querySelector('input[name="personalNumber"]');
    if (pin) pin.focus();
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw { code: json && json.code };
        return json;
      });
    });
  }
  button.addEventListener('click', function () {
    button.disabled = true;
    status.hidden = true;
    post(base + '/options')
      .then(function (options) { return lib.startAuthentication({ optionsJSON: options }); })
      .then(function (assertion) { return post(base, assertion); })
      .then(function (result) { window.location.assign(result.location); })
      .catch(function (error) { show(error && error.code ? error.code : 'cancelled'); });
  });
})();
`;
