// The Reflect polyfill @peculiar/x509 needs (its dependency injection), before any chunk that
// loads x509: the wallet's certificate checks and the signing key's request share that chunk, and
// the bundler does not keep a polyfill imported beside it ahead of it.
import 'reflect-metadata';
import '../shared/ui/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from '../shared/i18n/setup.ts';
import { App } from './App.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');

// The first frame is rendered in the person's language: its words are fetched first.
i18nReady.then(
  () =>
    createRoot(container).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  (error: unknown) => {
    // No words in any language (offline before the app was ever installed): say so in two.
    console.error('the app could not start', error);
    container.textContent =
      'Civitas could not load. Check the connection and reload. / Civitas не успя да се зареди. Проверете връзката и презаредете.';
  },
);
