import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { boot } from './app/boot';
import { preloadDeepLink } from './app/deep-links';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// LIFF signs in while React draws the splash, not after; the boot gate reports how it went.
boot().catch(() => {});
preloadDeepLink();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
