import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { GridFontWarmup } from './keys/grid/GridFontWarmup';
import './styles.css';

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <App />
      <GridFontWarmup />
    </StrictMode>,
  );
}
