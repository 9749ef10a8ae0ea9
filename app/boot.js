// Starts the storewise app: loads the WebAssembly module built by wasm-bindgen (app.js +
// app_bg.wasm); its start function mounts the app. Kept out of index.html so a strict CSP
// (script-src 'self' 'wasm-unsafe-eval') needs no inline script. scripts/build-app.sh rewrites
// the two paths below to the files' content-hashed names. Once the app runs, the service worker
// (/sw.js) is registered so that the next visit, and an offline one, need no network; where the
// browser allows none (not a secure context) the app works as before.
import init from '/app.js';

init({ module_or_path: '/app_bg.wasm' })
  .then(() => {
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sw.js').catch(() => {});
    }
  })
  .catch((error) => {
    const box = document.getElementById('boot') || document.body;
    const p = document.createElement('p');
    p.className = 'boot-error';
    p.textContent = 'storewise could not start in this browser: ' + error;
    box.appendChild(p);
    console.error(error);
  });
