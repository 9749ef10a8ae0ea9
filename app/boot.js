// Starts the storewise app: loads the WebAssembly module built by wasm-bindgen (app.js +
// app_bg.wasm); its start function mounts the app. Kept out of index.html so a strict CSP
// (script-src 'self' 'wasm-unsafe-eval') needs no inline script.
import init from '/app.js';

init({ module_or_path: '/app_bg.wasm' }).catch((error) => {
  const box = document.getElementById('boot') || document.body;
  const p = document.createElement('p');
  p.className = 'boot-error';
  p.textContent = 'storewise could not start in this browser: ' + error;
  box.appendChild(p);
  console.error(error);
});
