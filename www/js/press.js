// A press (a finger or the mouse down) and what the page draws meanwhile. Leaving a field by pressing a
// button (下一步, 看结果, + 添加一次住院) takes the focus as the finger goes down; an error line drawn
// then, or the line of the error just mended taken away, moves the button from under the finger, and
// the tap is lost. A persona walk found 看结果 and 添加一次住院 doing nothing on the first tap. So what
// a field's leaving or a late estimate would draw waits until the press is over.

let pressing = false;
let waiting = [];
let late = 0;

// Runs `fn` now or, during a press, once it is over: after the click it makes (so the click's own
// handler draws first), or soon after the release when no click comes (a press that became a scroll).
// A touch moves the focus only after the finger is lifted, just before the click: so a press lasts
// until its click, not until the release.
export function afterPress(fn) {
  if (pressing) waiting.push(fn);
  else fn();
}

function over() {
  if (!pressing) return;
  pressing = false;
  clearTimeout(late);
  const list = waiting;
  waiting = [];
  // After the click being dispatched, if this is one: its handlers draw first.
  if (list.length) setTimeout(() => list.forEach((fn) => fn()), 0);
}

export function watchPresses() {
  document.addEventListener('pointerdown', () => {
    pressing = true;
    clearTimeout(late);
  }, true);
  document.addEventListener('pointerup', () => {
    clearTimeout(late);
    late = setTimeout(over, 400);
  }, true);
  document.addEventListener('pointercancel', over, true);
  document.addEventListener('click', over, true);
}
