import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LibraryGate } from './unlock/LibraryGate';
import './styles.css';
import './shell/layout.css';
import './shell/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LibraryGate>
      <App />
    </LibraryGate>
  </StrictMode>,
);
