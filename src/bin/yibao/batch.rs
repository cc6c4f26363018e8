//! Many scenarios on every core, results in input order, in constant memory: the input is taken a
//! chunk at a time (read by its own thread while the previous chunk is computed), the chunk is
//! cut into blocks that the workers take in turn, and the blocks' output is written in order.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

/// Scenarios a worker takes at a time: enough to make taking one cheap, few enough that the
/// last block of a chunk leaves no core idle for long.
const BLOCK: usize = 32;

/// A block's output, and whether every scenario in it was valid.
type Rendered = (Vec<u8>, bool);

/// How a chunk is cut: at most `jobs` scenarios or `bytes` of input, whichever comes first.
#[derive(Clone, Copy)]
pub struct ChunkSize {
    pub jobs: usize,
    pub bytes: usize,
}

/// Renders `items` with `render` on `threads` threads and writes the output to `out` in input
/// order (block by block: the blocks are not joined into one more copy of the chunk's output);
/// returns whether every item was valid. `render(index, item, out)` appends the item's output.
pub fn render_all<T: Sync>(
    items: &[T],
    first_index: usize,
    threads: usize,
    render: &(dyn Fn(usize, &T, &mut Vec<u8>) -> bool + Sync),
    out: &mut impl Write,
) -> io::Result<bool> {
    let blocks = items.len().div_ceil(BLOCK);
    let threads = threads.clamp(1, blocks.max(1));
    let one_block = |b: usize| {
        let mut out = Vec::with_capacity(BLOCK * 1024);
        let mut ok = true;
        let start = b * BLOCK;
        for (k, item) in items[start..(start + BLOCK).min(items.len())]
            .iter()
            .enumerate()
        {
            ok &= render(first_index + start + k, item, &mut out);
        }
        (out, ok)
    };
    if threads == 1 {
        let mut ok = true;
        for b in 0..blocks {
            let (o, k) = one_block(b);
            out.write_all(&o)?;
            ok &= k;
        }
        return Ok(ok);
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Rendered>>> = Mutex::new(vec![None; blocks]);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let b = next.fetch_add(1, Ordering::Relaxed);
                if b >= blocks {
                    break;
                }
                let r = one_block(b);
                done.lock().unwrap_or_else(|e| e.into_inner())[b] = Some(r);
            });
        }
    });
    let done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut ok = true;
    for (o, k) in done.into_iter().flatten() {
        out.write_all(&o)?;
        ok &= k;
    }
    Ok(ok)
}

/// Streams: `read` fills a chunk (returns false at the end of the input) on a reader thread while
/// the chunk before is rendered on `threads` threads and written to `out`. Returns whether every
/// item was valid.
pub fn stream<T: Send + Sync>(
    mut read: impl FnMut(&mut Vec<T>) -> io::Result<bool> + Send,
    threads: usize,
    render: &(dyn Fn(usize, &T, &mut Vec<u8>) -> bool + Sync),
    out: &mut impl Write,
) -> io::Result<bool> {
    // One chunk in flight and one being read: memory is two chunks, whatever the input length.
    let (tx, rx) = mpsc::sync_channel::<io::Result<Vec<T>>>(1);
    std::thread::scope(|s| {
        s.spawn(move || loop {
            let mut chunk = Vec::new();
            match read(&mut chunk) {
                Ok(more) => {
                    let sent = chunk.is_empty() || tx.send(Ok(chunk)).is_ok();
                    if !more || !sent {
                        break;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                    break;
                }
            }
        });
        let mut all_ok = true;
        let mut index = 0;
        for chunk in rx {
            let chunk = chunk?;
            all_ok &= render_all(&chunk, index, threads, render, out)?;
            index += chunk.len();
            // Written as computed: whoever reads the output sees each chunk as it is done.
            out.flush()?;
        }
        Ok(all_ok)
    })
}
