//! The buffers of one overlapped operation as iovecs: almost always one buffer, kept inline
//! (a general small-vector costs more per operation than this enum on the echo path).

use std::ops::{Deref, DerefMut};

pub(super) enum Bufs {
    Empty,
    One(libc::iovec),
    Many(Vec<libc::iovec>),
}

impl Bufs {
    pub(super) fn new() -> Self {
        Bufs::Empty
    }

    pub(super) fn from_slice(s: &[libc::iovec]) -> Self {
        match s {
            [] => Bufs::Empty,
            [one] => Bufs::One(*one),
            _ => Bufs::Many(s.to_vec()),
        }
    }

    /// Removes the buffer at `i` (a fully sent one).
    pub(super) fn remove(&mut self, i: usize) {
        match self {
            Bufs::One(_) if i == 0 => *self = Bufs::Empty,
            Bufs::Many(v) if i < v.len() => {
                v.remove(i);
            }
            _ => {}
        }
    }
}

impl From<Vec<libc::iovec>> for Bufs {
    fn from(v: Vec<libc::iovec>) -> Self {
        match v.len() {
            0 => Bufs::Empty,
            1 => Bufs::One(v[0]),
            _ => Bufs::Many(v),
        }
    }
}

impl Deref for Bufs {
    type Target = [libc::iovec];

    fn deref(&self) -> &[libc::iovec] {
        match self {
            Bufs::Empty => &[],
            Bufs::One(one) => std::slice::from_ref(one),
            Bufs::Many(v) => v,
        }
    }
}

impl DerefMut for Bufs {
    fn deref_mut(&mut self) -> &mut [libc::iovec] {
        match self {
            Bufs::Empty => &mut [],
            Bufs::One(one) => std::slice::from_mut(one),
            Bufs::Many(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iov(len: usize) -> libc::iovec {
        libc::iovec { iov_base: std::ptr::null_mut(), iov_len: len }
    }

    #[test]
    fn one_buffer_stays_inline_and_removes() {
        let mut b = Bufs::from_slice(&[iov(5)]);
        assert!(matches!(b, Bufs::One(_)));
        assert_eq!(b.len(), 1);
        b[0].iov_len = 3;
        assert_eq!(b.first().map(|v| v.iov_len), Some(3));
        b.remove(0);
        assert!(b.is_empty());
    }

    #[test]
    fn several_buffers_keep_their_order() {
        let mut b: Bufs = vec![iov(1), iov(2), iov(3)].into();
        b.remove(0);
        assert_eq!(b.iter().map(|v| v.iov_len).collect::<Vec<_>>(), vec![2, 3]);
        assert!(Bufs::from_slice(&[]).is_empty());
    }
}
