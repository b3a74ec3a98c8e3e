// One WebSocket to the gateway at /ws, opened again with backoff whenever it closes, until stopped.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** The gateway's WebSocket on this page's own host: ws: for http:, wss: for https:. */
export function websocketUrl(location) {
  const url = new URL('/ws', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * Keeps a WebSocket open. Every server frame is one line (or the name prompt) and goes to
 * onFrame; every send is one line. When the socket closes for any reason, a new one is opened
 * after a delay that doubles from 0.5 s to 30 s (with a little jitter, so a restarted gateway is
 * not hit by every browser at once), reset once a connection has lasted; onWaiting says when.
 */
export class Connection {
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.socket = null;
    this.delay = FIRST_DELAY_MS;
    this.timer = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  /** Closes and does not come back (after /quit). */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, 'bye');
  }

  /** Sends one line; false when there is no open socket to take it. */
  send(line) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(line);
    return true;
  }

  /** Closes this socket now and opens another after the usual delay. */
  restart() {
    if (this.socket) this.socket.close(4000, 'restart');
  }

  open() {
    clearTimeout(this.timer);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    const openedAt = { time: 0 };
    socket.addEventListener('open', () => {
      openedAt.time = Date.now();
      this.handlers.onOpen();
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') this.handlers.onFrame(event.data);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      // A connection that lasted a while was a good one: the next try starts from the short delay.
      if (openedAt.time && Date.now() - openedAt.time > 10_000) this.delay = FIRST_DELAY_MS;
      this.handlers.onClose({ code: event.code, reason: event.reason, opened: openedAt.time > 0 });
      if (this.stopped) return;
      const wait = Math.round(this.delay * (0.8 + Math.random() * 0.4));
      this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
      this.handlers.onWaiting(wait);
      this.timer = setTimeout(() => this.open(), wait);
    });
  }
}
