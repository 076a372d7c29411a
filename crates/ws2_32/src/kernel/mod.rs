//! The kernel32 objects and calls that socket programs use, as libws2_32 provides them on
//! Linux: the handle table (`handles`), waits on events and threads (`wait`), event objects
//! (`event`), threads and their APC queues (`thread`), I/O completion ports (`iocp`), and the
//! small helpers — critical sections, heap, performance counter (`misc`). CancelIo and
//! CancelIoEx (`api`) pass socket handles on to their provider (api::overlapped::cancel_io);
//! a thread's exit cancels its pending operations the same way (`exit`).
//!
//! Providers reach events and APCs only through the upcall table (spi/upcall.rs), which calls
//! into `event` and `thread`.

pub mod api;
pub mod event;
pub mod exit;
pub mod handles;
pub mod iocp;
pub mod misc;
pub mod thread;
pub mod wait;

/// Win32 error codes used by these calls (winerror.h).
pub const ERROR_INVALID_HANDLE: u32 = 6;
pub const ERROR_INVALID_PARAMETER: u32 = 87;
pub const ERROR_ABANDONED_WAIT_0: u32 = 735;
pub const ERROR_NOT_FOUND: u32 = 1168;
pub const WAIT_TIMEOUT: u32 = 258;
pub const WAIT_FAILED: u32 = 0xFFFF_FFFF;
pub const WAIT_IO_COMPLETION: u32 = 0xC0;
