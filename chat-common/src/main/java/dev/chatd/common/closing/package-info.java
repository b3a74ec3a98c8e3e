/**
 * Why a connection ended, decided once for both servers: {@link dev.chatd.common.closing.CloseReason}
 * keeps the first reason recorded, and {@link dev.chatd.common.closing.Failure} tells from the
 * exception a transport reported which {@link dev.chatd.common.room.LeaveReason} the room sees.
 */
package dev.chatd.common.closing;
