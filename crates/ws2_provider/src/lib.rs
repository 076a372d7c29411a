//! The ws2 provider SDK: a Winsock layered service provider in safe Rust.
//!
//! Implement [`Layer`] — every method has a pass-through default, so override only what the
//! layer changes or watches — and export it from a `cdylib` with [`export_layer!`]. The SDK
//! supplies `WSPStartup` and all 30 WSPPROC_TABLE entries and does what the SPI asks of a
//! layered provider:
//!
//! - it finds its own place in the protocol chain it is started with (the chain entry whose
//!   provider file is this library), loads the next layer with `WSCGetProviderPath` and
//!   `dlopen`, and starts it with the chain's WSAPROTOCOL_INFOW while that layer is layered, the
//!   base protocol's at the base, passing the upcall table down unmodified (`chain`);
//! - it gives the application either the lower layer's handles (IFS, registered with
//!   WPUModifyIFSHandle) or handles of its own (WPUCreateSocketHandle, with the lower socket as
//!   context), translating them in every call, select and WSAPoll included (`sockets`);
//! - it keeps a reference count of WSPStartup calls and cleans up the layers below at the last
//!   WSPCleanup, always using the most recent upcall table.
//!
//! One library file serves one layer of a chain: install a copy to stack the same layer twice.

mod chain;
mod dispatch;
mod sockets;

pub use std::net::SocketAddr;
pub use windows_sys::Win32::Networking::WinSock::{SOCKADDR, SOCKET, WSAPROTOCOL_INFOW};

/// One call through the layer, as the layer's hooks see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Socket {
        af: i32,
        ty: i32,
        protocol: i32,
    },
    Accept,
    Bind {
        addr: Option<SocketAddr>,
    },
    Listen {
        backlog: i32,
    },
    Connect {
        addr: Option<SocketAddr>,
    },
    Shutdown {
        how: i32,
    },
    Close,
    /// Bytes requested (send: offered) — the result carries the bytes transferred.
    Send {
        bytes: u32,
        overlapped: bool,
    },
    Recv {
        bytes: u32,
        overlapped: bool,
    },
    SendTo {
        bytes: u32,
        overlapped: bool,
    },
    RecvFrom {
        bytes: u32,
        overlapped: bool,
    },
    GetSockOpt {
        level: i32,
        name: i32,
    },
    SetSockOpt {
        level: i32,
        name: i32,
    },
    Ioctl {
        code: u32,
    },
    GetPeerName,
    GetSockName,
    EventSelect {
        events: i32,
    },
    EnumNetworkEvents,
    AsyncSelect {
        events: i32,
    },
    Select {
        sockets: u32,
    },
    Poll {
        sockets: u32,
    },
    GetOverlappedResult,
    DuplicateSocket,
    JoinLeaf,
    RecvDisconnect,
    SendDisconnect,
    GetQosByName,
}

impl Call {
    /// The Winsock SPI name of the call (`WSPSend` …).
    pub fn name(&self) -> &'static str {
        match self {
            Call::Socket { .. } => "WSPSocket",
            Call::Accept => "WSPAccept",
            Call::Bind { .. } => "WSPBind",
            Call::Listen { .. } => "WSPListen",
            Call::Connect { .. } => "WSPConnect",
            Call::Shutdown { .. } => "WSPShutdown",
            Call::Close => "WSPCloseSocket",
            Call::Send { .. } => "WSPSend",
            Call::Recv { .. } => "WSPRecv",
            Call::SendTo { .. } => "WSPSendTo",
            Call::RecvFrom { .. } => "WSPRecvFrom",
            Call::GetSockOpt { .. } => "WSPGetSockOpt",
            Call::SetSockOpt { .. } => "WSPSetSockOpt",
            Call::Ioctl { .. } => "WSPIoctl",
            Call::GetPeerName => "WSPGetPeerName",
            Call::GetSockName => "WSPGetSockName",
            Call::EventSelect { .. } => "WSPEventSelect",
            Call::EnumNetworkEvents => "WSPEnumNetworkEvents",
            Call::AsyncSelect { .. } => "WSPAsyncSelect",
            Call::Select { .. } => "WSPSelect",
            Call::Poll { .. } => "WSAPoll",
            Call::GetOverlappedResult => "WSPGetOverlappedResult",
            Call::DuplicateSocket => "WSPDuplicateSocket",
            Call::JoinLeaf => "WSPJoinLeaf",
            Call::RecvDisconnect => "WSPRecvDisconnect",
            Call::SendDisconnect => "WSPSendDisconnect",
            Call::GetQosByName => "WSPGetQOSByName",
        }
    }
}

/// A call's outcome: `Ok(value)` (bytes transferred for data calls, the new handle for socket
/// and accept, else 0) or `Err(WSA error code)`; WSA_IO_PENDING for overlapped calls in flight.
pub type Outcome = Result<u64, i32>;

/// A layered provider. Every method has a default that passes the call through unchanged.
pub trait Layer: Send + Sync + 'static {
    /// The description WSPStartup reports (WSPDATA.szDescription).
    fn description(&self) -> &str {
        "ws2 layered provider (Rust)"
    }

    /// IFS (the default): the application gets the lower layer's handles. Non-IFS: the layer
    /// makes its own with WPUCreateSocketHandle.
    fn ifs(&self) -> bool {
        true
    }

    /// Whether `outgoing`/`incoming` change data. A transforming layer cannot see the data of
    /// overlapped calls (they complete after the call returns), so those fail with
    /// WSAEOPNOTSUPP; a layer that only watches lets them through.
    fn transforms_data(&self) -> bool {
        false
    }

    /// Rewrites bytes about to be sent on `socket` (the application's handle).
    fn outgoing(&self, socket: SOCKET, data: &mut [u8]) {
        let _ = (socket, data);
    }

    /// Rewrites bytes just received on `socket`.
    fn incoming(&self, socket: SOCKET, data: &mut [u8]) {
        let _ = (socket, data);
    }

    /// Sees every call after the lower layer answered (for `Socket` and `Accept`, `socket` is
    /// the new handle, or INVALID_SOCKET when the call failed).
    fn observe(&self, socket: SOCKET, call: Call, outcome: Outcome) {
        let _ = (socket, call, outcome);
    }
}

/// Exports `WSPStartup` for the layer the expression builds (evaluated once, on the first
/// WSPStartup). Use once, in a `cdylib`.
#[macro_export]
macro_rules! export_layer {
    ($layer:expr) => {
        /// The provider entry point (ws2spi.h), supplied by the ws2 provider SDK.
        ///
        /// # Safety
        /// Called by ws2_32 or the layer above with the pointers the SPI documents.
        #[no_mangle]
        pub unsafe extern "system" fn WSPStartup(
            version: u16,
            data: *mut $crate::raw::WSPDATA,
            info: *const $crate::raw::WSAPROTOCOL_INFOW,
            upcalls: $crate::raw::WSPUPCALLTABLE,
            table: *mut $crate::raw::WSPPROC_TABLE,
        ) -> i32 {
            // SAFETY: forwarded caller contract.
            unsafe { $crate::startup(|| ::std::boxed::Box::new($layer), version, data, info, upcalls, table) }
        }
    };
}

/// The SPI types the export macro names.
pub mod raw {
    pub use windows_sys::Win32::Networking::WinSock::{WSAPROTOCOL_INFOW, WSPDATA, WSPPROC_TABLE, WSPUPCALLTABLE};
}

pub use dispatch::startup;
