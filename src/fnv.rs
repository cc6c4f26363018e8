//! FNV-1a, 64 bits: one copy for the build script (each policy's version, build/check.rs) and the
//! core (the reference code, src/reference.rs). Enough to tell two versions or two scenarios apart;
//! no crate needed in the build script or the wasm.

pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Feeds `bytes` into the hash `h` (start from [`OFFSET`]).
pub fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}
