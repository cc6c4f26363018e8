// The page's shared DOM bits: element lookup and the two status lines (tool message, loading status).

export const $ = (id) => document.getElementById(id);
export function toolMsg(text) {
  $('toolmsg').textContent = text;
}
export function setStatus(textValue, isError) {
  const el = $('status');
  el.textContent = textValue;
  el.className = isError ? 'status status-error' : 'status';
  el.hidden = false;
}
