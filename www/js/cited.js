// The parameters a result cites (result.parameters, each once by key): one by its key, and those
// not official yet (待核实, or the user's own) that a topic's steps used. The answer card and the
// detailed result both say when a figure rests on them.

export function paramOf(r, key) {
  return r.parameters.find((x) => x.key === key);
}

// The cited parameters not official that the steps of `topic` used: member i's, or every member's
// when i is undefined. A parameter used by several steps is listed once for each.
export function unofficial(r, topic, i) {
  return r.trace.filter((st) => st.topic === topic && (i === undefined || st.member === i))
    .flatMap((st) => (st.params || []).map((key) => paramOf(r, key)))
    .filter((x) => x && x.status !== 'official');
}
