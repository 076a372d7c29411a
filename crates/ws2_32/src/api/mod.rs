//! The Winsock 2 API exported from libws2_32.so, one module per family of calls. Functions
//! whose Windows name is also a libc symbol are exported as `ws2_<name>`; the headers bind the
//! Windows name to that symbol, so no libc symbol is ever interposed.
//!
//! Every socket call looks its handle up (`spi::handles`) and calls through the owning
//! provider's WSPPROC_TABLE; nothing here makes a socket syscall.

pub mod addr;
pub mod addrinfoex;
pub mod asyncdb;
pub mod catalog;
pub mod connectbyname;
pub mod events;
pub mod fdset;
pub mod kernel32;
pub mod legacy;
pub mod lookup;
pub mod mswsock;
pub mod names;
pub mod nscatalog;
pub mod overlapped;
pub mod protocols;
pub mod resolve;
pub mod select;
pub mod service;
pub mod socket;
pub mod sockopt;
pub mod startup;
pub mod transfer;

use crate::abi::*;
use crate::spi::{handles, ProviderInstance};

/// The provider owning `s`, after checking that Winsock is started.
#[inline]
pub(crate) fn provider_of(s: SOCKET) -> Result<&'static ProviderInstance, i32> {
    startup::require_started()?;
    handles::lookup(s)
}

/// Calls a provider entry that reports failure as SOCKET_ERROR plus an error code.
#[inline]
pub(crate) fn spi_result(rc: i32, errno: i32) -> Result<i32, i32> {
    if rc == SOCKET_ERROR {
        Err(if errno == 0 { WSAEINVAL } else { errno })
    } else {
        Ok(rc)
    }
}
