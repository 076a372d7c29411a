//! Data transfer calls: send, recv, sendto, recvfrom and their WSA forms with scatter/gather
//! buffers and flags. All go through the provider's WSPSend/WSPRecv/WSPSendTo/WSPRecvFrom.
//! Overlapped requests are handed to the provider unchanged.

use super::socket::with_provider;
use crate::abi::*;
use crate::ffi::wsa_call;

/// A single caller buffer as a WSABUF (negative lengths are the caller's error).
fn one_buf(buf: *const u8, len: i32) -> Result<WSABUF, i32> {
    if len < 0 {
        return Err(WSAEFAULT);
    }
    if buf.is_null() && len > 0 {
        return Err(WSAEFAULT);
    }
    Ok(WSABUF { len: len as u32, buf: buf as *mut u8 })
}

/// # Safety
/// `buf` must have `len` readable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_send(s: SOCKET, buf: *const u8, len: i32, flags: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        let b = one_buf(buf, len)?;
        let mut sent = 0u32;
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with one valid WSABUF.
            unsafe { p.table.lpWSPSend.unwrap()(s, &b, 1, &mut sent, flags as u32, std::ptr::null_mut(), None, std::ptr::null(), e) }
        })?;
        Ok(sent as i32)
    })
}

/// # Safety
/// `buf` must have `len` readable bytes; `to` must be null or have `tolen` readable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_sendto(s: SOCKET, buf: *const u8, len: i32, flags: i32, to: *const SOCKADDR, tolen: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        let b = one_buf(buf, len)?;
        let mut sent = 0u32;
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with the caller's arguments.
            unsafe {
                p.table.lpWSPSendTo.unwrap()(s, &b, 1, &mut sent, flags as u32, to, tolen, std::ptr::null_mut(), None, std::ptr::null(), e)
            }
        })?;
        Ok(sent as i32)
    })
}

/// # Safety
/// `buf` must have `len` writable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_recv(s: SOCKET, buf: *mut u8, len: i32, flags: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        let b = one_buf(buf, len)?;
        let (mut got, mut fl) = (0u32, flags as u32);
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with one valid WSABUF.
            unsafe { p.table.lpWSPRecv.unwrap()(s, &b, 1, &mut got, &mut fl, std::ptr::null_mut(), None, std::ptr::null(), e) }
        })?;
        Ok(got as i32)
    })
}

/// # Safety
/// `buf` must have `len` writable bytes; `from`/`fromlen` null or valid.
#[no_mangle]
pub unsafe extern "system" fn ws2_recvfrom(s: SOCKET, buf: *mut u8, len: i32, flags: i32, from: *mut SOCKADDR, fromlen: *mut i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        let b = one_buf(buf, len)?;
        let (mut got, mut fl) = (0u32, flags as u32);
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with the caller's arguments.
            unsafe {
                p.table.lpWSPRecvFrom.unwrap()(s, &b, 1, &mut got, &mut fl, from, fromlen, std::ptr::null_mut(), None, std::ptr::null(), e)
            }
        })?;
        Ok(got as i32)
    })
}

/// # Safety
/// Pointers must be null or valid as WSASend documents.
#[no_mangle]
pub unsafe extern "system" fn WSASend(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    sent: *mut u32,
    flags: u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPSend.unwrap()(s, bufs, count, sent, flags, ov, cr, std::ptr::null(), e) })
    })
}

/// # Safety
/// Pointers must be null or valid as WSASendTo documents.
#[no_mangle]
pub unsafe extern "system" fn WSASendTo(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    sent: *mut u32,
    flags: u32,
    to: *const SOCKADDR,
    tolen: i32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with the caller's arguments.
            unsafe { p.table.lpWSPSendTo.unwrap()(s, bufs, count, sent, flags, to, tolen, ov, cr, std::ptr::null(), e) }
        })
    })
}

/// # Safety
/// Pointers must be null or valid as WSARecv documents.
#[no_mangle]
pub unsafe extern "system" fn WSARecv(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    received: *mut u32,
    flags: *mut u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPRecv.unwrap()(s, bufs, count, received, flags, ov, cr, std::ptr::null(), e) })
    })
}

/// # Safety
/// Pointers must be null or valid as WSARecvFrom documents.
#[no_mangle]
pub unsafe extern "system" fn WSARecvFrom(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    received: *mut u32,
    flags: *mut u32,
    from: *mut SOCKADDR,
    fromlen: *mut i32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with the caller's arguments.
            unsafe { p.table.lpWSPRecvFrom.unwrap()(s, bufs, count, received, flags, from, fromlen, ov, cr, std::ptr::null(), e) }
        })
    })
}

/// # Safety
/// `data` must be null or a valid WSABUF.
#[no_mangle]
pub unsafe extern "system" fn WSASendDisconnect(s: SOCKET, data: *const WSABUF) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry.
        with_provider(s, |p, e| unsafe { p.table.lpWSPSendDisconnect.unwrap()(s, data, e) })
    })
}

/// # Safety
/// `data` must be null or a valid WSABUF.
#[no_mangle]
pub unsafe extern "system" fn WSARecvDisconnect(s: SOCKET, data: *const WSABUF) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry.
        with_provider(s, |p, e| unsafe { p.table.lpWSPRecvDisconnect.unwrap()(s, data, e) })
    })
}

/// WSASendMsg travels as on Windows: ws2_32 hands the call to the socket's provider as
/// WSPIoctl(SIO_EXT_SENDMSG) with a WSASENDMSG carrying the arguments (the overlapped ones
/// included), so layered providers see it like any other ioctl.
///
/// # Safety
/// Pointers must be null or valid as WSASendMsg documents.
#[no_mangle]
pub unsafe extern "system" fn WSASendMsg(
    s: SOCKET,
    msg: *mut WSAMSG,
    flags: u32,
    sent: *mut u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    use std::ptr::{null, null_mut};
    wsa_call(SOCKET_ERROR, || {
        let args = WSASENDMSG { lpMsg: msg, dwFlags: flags, lpNumberOfBytesSent: sent, lpOverlapped: ov, lpCompletionRoutine: cr };
        let mut returned = 0u32;
        with_provider(s, |p, e| {
            let inbuf = &args as *const WSASENDMSG as *const core::ffi::c_void;
            let inlen = std::mem::size_of::<WSASENDMSG>() as u32;
            let ioctl = p.table.lpWSPIoctl.unwrap();
            // SAFETY: the provider's entry, with the WSASENDMSG on our stack for the call.
            unsafe { ioctl(s, SIO_EXT_SENDMSG, inbuf, inlen, null_mut(), 0, &mut returned, null_mut(), None, null(), e) }
        })
    })
}
