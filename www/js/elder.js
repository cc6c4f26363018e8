// 长辈模式 (elder mode), after the 适老化 conventions (../shared/notes/elder-mode.md): a switch near the
// top, remembered on this phone; larger text and targets and the answer alone on its first screen
// (style.css, body.elder). 朗读 reads the answer card aloud where the browser has a Chinese voice
// (speechSynthesis works on the phone, without the network); the button is hidden where it has none.

import { $ } from './dom.js';
import { S } from './state.js';

const KEY = 'yibao.elder.v1';
let voice = null;

function apply(on) {
  document.documentElement.classList.toggle('elder', on);
  $('elder').setAttribute('aria-pressed', String(on));
}

export function initElder() {
  let on = false;
  try {
    on = localStorage.getItem(KEY) === '1';
  } catch (e) {
    /* storage unavailable: off */
  }
  apply(on);
  // Its own listener, attached before the core is downloaded: on a slow network the switch is on
  // the screen seconds before the page's other buttons work, and it is often the first thing tapped.
  $('elder').addEventListener('click', toggleElder);
  if (!('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') return;
  pickVoice();
  // Voices arrive later on some engines.
  window.speechSynthesis.addEventListener('voiceschanged', pickVoice);
}

function toggleElder() {
  const on = !document.documentElement.classList.contains('elder');
  apply(on);
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch (e) {
    /* not remembered, still switched */
  }
}

// A Chinese voice (Mandarin, mainland first); none means no 朗读 button.
function pickVoice() {
  const voices = window.speechSynthesis.getVoices() || [];
  const zh = voices.filter((v) => /^zh/i.test(v.lang || ''));
  voice = zh.find((v) => /CN|Hans/i.test(v.lang)) || zh[0] || null;
  S.canSpeak = !!voice;
  const b = $('speak');
  if (b) b.hidden = !S.canSpeak;
}

// Reads the answer card (not its buttons or reference number); a second tap stops.
export function speak() {
  const synth = window.speechSynthesis;
  if (!voice || !synth) return;
  if (synth.speaking) {
    synth.cancel();
    return;
  }
  const card = $('live').querySelector('.answer');
  if (!card) return;
  const copy = card.cloneNode(true);
  for (const el of copy.querySelectorAll('.a-foot, button, [aria-hidden="true"]')) el.remove();
  const u = new window.SpeechSynthesisUtterance(copy.textContent.replace(/\s+/g, ' ').trim());
  u.voice = voice;
  u.lang = voice.lang;
  u.rate = 0.9;
  synth.speak(u);
}
