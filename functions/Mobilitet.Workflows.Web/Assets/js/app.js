// Mobilitet.Workflows: starts Det Fælles Designsystem's components. Loaded with `defer` after dkfds.min.js;
// every page works without it (forms post and redirect), so nothing here may be needed to finish a task.
'use strict';
document.documentElement.classList.add('js-enabled');
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
}
