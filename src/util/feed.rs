//! Passing input on to a process without blocking: bytes read from a
//! source wait here until the destination (a pipe made non-blocking) takes
//! them, so a process that does not read its stdin never stops the relay
//! that drains its output.

use std::os::fd::AsFd;

use rustix::io::Errno;

/// Input read but not yet written, and whether the source has ended.
#[derive(Debug, Default)]
pub struct Feed {
    pending: Vec<u8>,
    closed: bool,
}

impl Feed {
    /// Nothing waits to be written.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Bytes waiting to be written.
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    /// Add bytes to write (from a source read elsewhere).
    pub fn push(&mut self, data: &[u8]) {
        self.pending.extend_from_slice(data);
    }

    /// The source has not ended.
    pub fn open(&self) -> bool {
        !self.closed
    }

    /// Read once from `src` (ready for reading); `false` once it has ended.
    pub fn fill(&mut self, src: impl AsFd) -> bool {
        let mut buf = [0u8; 16 * 1024];
        match rustix::io::read(&src, &mut buf) {
            Ok(0) => self.closed = true,
            Ok(n) => self.pending.extend_from_slice(&buf[..n]),
            Err(Errno::INTR | Errno::AGAIN) => {}
            Err(_) => self.closed = true,
        }
        !self.closed
    }

    /// Write what `dst` (non-blocking, ready for writing) takes now;
    /// `false` if it is gone (the reader closed it).
    pub fn flush(&mut self, dst: impl AsFd) -> bool {
        while !self.pending.is_empty() {
            match rustix::io::write(&dst, &self.pending) {
                Ok(n) => {
                    self.pending.drain(..n);
                }
                Err(Errno::INTR) => {}
                Err(Errno::AGAIN) => return true,
                Err(_) => {
                    self.pending.clear();
                    self.closed = true;
                    return false;
                }
            }
        }
        true
    }
}

/// Make `fd` non-blocking.
pub fn set_nonblocking(fd: impl AsFd) -> std::io::Result<()> {
    let flags = rustix::fs::fcntl_getfl(&fd)?;
    rustix::fs::fcntl_setfl(&fd, flags | rustix::fs::OFlags::NONBLOCK)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_waits_for_a_full_pipe_and_ends_with_its_source() {
        let (src_r, src_w) = rustix::pipe::pipe().expect("pipe");
        let (dst_r, dst_w) = rustix::pipe::pipe().expect("pipe");
        set_nonblocking(&dst_w).expect("nonblock");
        let size = rustix::pipe::fcntl_getpipe_size(&dst_w).expect("size");
        // Fill the destination so the next write would block.
        let fill = vec![b'x'; size];
        assert_eq!(rustix::io::write(&dst_w, &fill).expect("fill"), size);
        rustix::io::write(&src_w, b"hello").expect("write");
        let mut feed = Feed::default();
        assert!(feed.fill(&src_r));
        assert!(feed.flush(&dst_w), "a full pipe is not an error");
        assert!(!feed.is_empty(), "the input waits");
        let mut sink = vec![0u8; size];
        let mut got = 0;
        while got < size {
            got += rustix::io::read(&dst_r, &mut sink[got..]).expect("drain");
        }
        assert!(feed.flush(&dst_w));
        assert!(feed.is_empty());
        let mut five = [0u8; 5];
        rustix::io::read(&dst_r, &mut five).expect("read");
        assert_eq!(&five, b"hello");
        drop(src_w);
        assert!(!feed.fill(&src_r), "EOF ends the feed");
        drop(dst_r);
        feed.pending.extend_from_slice(b"more");
        assert!(!feed.flush(&dst_w), "a closed reader ends it too");
    }
}
