// The conversation with the chat server through one Connection: logging in (text mode, as
// telnet does), switching to /json, then dispatching every event to the views. It decides
// nothing the server decides: every line typed goes to the server as it is.

import { PROMPT, commandWord, loginReply, parseJson, ROOM_EVENTS } from './lines.js';

const HISTORY_COUNT = 100;
/** States before a name is sent or after one was refused: only the welcome, errors and notices come. */
const NOT_LOGGED_IN = new Set(['connecting', 'prompt', 'prompt-pending', 'retry-wait']);
const ROOMS_REFRESH_MS = 30_000;
/** A reconnect whose name is still held (the old connection not yet gone) tries again this often. */
const NAME_RETRIES = 4;

export class Session {
  /** views: {timeline, panel, login, status, chat}; chat is {show(room)}. */
  constructor(connection, views) {
    this.connection = connection;
    this.views = views;
    this.state = 'connecting';
    this.serverName = null;
    this.wantedName = null; // what to answer the next prompt with
    this.name = null;       // the name the server holds for us, once logged in
    this.room = null;
    this.resuming = false;  // logging in again after a reconnect
    this.retries = 0;
    this.downReason = 'Disconnected.';
    // Who asked for each reply still to come, 'page' or 'user', per reply type, in order.
    this.asked = { users: [], rooms: [], history: [] };
    this.roomsTimer = null;
  }

  // ---------------------------------------------------------------- from the views

  /** The login form's name. */
  logIn(name) {
    this.wantedName = name;
    this.resuming = false;
    if (this.state === 'left' || this.state === 'idle') {
      this.state = 'connecting';
      this.connection.start();
    } else if (this.state === 'prompt') {
      this.sendName();
    }
  }

  /** A line typed in the message box: sent as it is; replies the user asked for are shown. */
  type(line) {
    const word = commandWord(line);
    if (word === 'who') this.asked.users.push('user');
    if (word === 'rooms') this.asked.rooms.push('user');
    if (word === 'history') this.asked.history.push('user');
    return this.connection.send(line);
  }

  /** A room clicked in the panel. */
  join(room) {
    this.connection.send(`/join ${room}`);
  }

  // ---------------------------------------------------------------- from the connection

  onOpen() {
    this.state = 'connecting';
    this.asked = { users: [], rooms: [], history: [] };
    this.downReason = 'Disconnected.';
    this.views.status.show('waiting', 'Connected, logging in…');
  }

  onFrame(line) {
    if (line === PROMPT) {
      this.onPrompt();
      return;
    }
    if (NOT_LOGGED_IN.has(this.state)) {
      if (line.startsWith('Welcome to ')) this.serverName = line.slice('Welcome to '.length);
      else if (line.startsWith('! ') || line.startsWith('* ')) this.downReason = line.slice(2);
      return;
    }
    if (this.state === 'naming') {
      this.onLoginReply(line);
      return;
    }
    const event = parseJson(line);
    if (this.state === 'switching') {
      // Text lines queued before /json took effect (the users line, others' lines) are in history.
      if (event && event.type === 'info' && event.text === 'output is now json') this.onJsonMode();
      return;
    }
    if (event === null) {
      this.views.timeline.notice('plain', line);
      return;
    }
    this.onEvent(event);
  }

  onClose(close) {
    clearInterval(this.roomsTimer);
    const wasChatting = this.state === 'chatting' || this.state === 'switching';
    if (this.state === 'left') {
      this.views.status.show('down', 'You left the chat.');
      this.views.chat.hide();
      this.views.login.show(this.serverName);
      return;
    }
    if (this.state === 'prompt' && this.downReason === 'login timed out') {
      // Nobody is typing a name: connect again when someone does, not every minute meanwhile.
      this.state = 'idle';
      this.connection.stop();
      this.views.status.show('waiting', 'Type a name to join.');
      return;
    }
    if (wasChatting) {
      this.resuming = true;
      this.wantedName = this.name;
      this.views.timeline.divider('Connection lost');
    }
    if (this.state !== 'retry-wait') {
      this.downReason = close.code === 1013 ? 'The chat server is not reachable.'
        : close.code === 1009 ? 'That line was too long for the server.'
          : close.code === 1001 ? 'The gateway is restarting.'
            : this.downReason; // 'Disconnected.', or what the server said last (shutting down, full)
    }
    this.state = 'connecting';
    this.views.status.show('down', this.downReason);
  }

  onWaiting(ms) {
    if (this.state === 'left' || this.state === 'idle') return;
    const seconds = Math.max(1, Math.round(ms / 1000));
    this.views.status.show('down', `${this.downReason} Reconnecting in ${seconds} s…`);
  }

  // ---------------------------------------------------------------- logging in

  onPrompt() {
    if (this.state === 'retry-wait') return;
    this.state = 'prompt';
    if (this.wantedName !== null) {
      this.sendName();
    } else {
      this.views.status.show('ok', 'Connected');
      this.views.login.show(this.serverName);
    }
  }

  sendName() {
    this.state = 'naming';
    this.connection.send(this.wantedName);
  }

  onLoginReply(line) {
    const reply = loginReply(line);
    if (reply === null) return;
    if (reply.accepted) {
      this.name = reply.name;
      this.retries = 0;
      this.state = 'switching';
      this.views.timeline.setMe(this.name);
      this.views.panel.setMe(this.name);
      this.connection.send('/json');
      return;
    }
    this.state = 'prompt-pending';
    if (this.resuming && reply.error.startsWith('name taken') && this.retries < NAME_RETRIES) {
      // Most likely our own old connection, not yet let go: a new connection tries again shortly.
      this.retries++;
      this.state = 'retry-wait';
      this.downReason = `The name ${this.wantedName} is still held.`;
      this.connection.restart();
      return;
    }
    this.resuming = false;
    this.wantedName = null;
    this.views.chat.hide();
    this.views.login.show(this.serverName);
    this.views.login.error(reply.error);
  }

  onJsonMode() {
    this.state = 'chatting';
    this.views.login.hide();
    this.views.status.show('ok', this.resuming ? `Reconnected as ${this.name}` : `Connected as ${this.name}`);
    const room = this.resuming && this.room ? this.room : 'lobby';
    if (room !== 'lobby') {
      // Back to the room we were in; its own join line brings us on, and its history follows.
      this.connection.send(`/join ${room}`);
    } else {
      this.enterRoom('lobby');
    }
    this.roomsTimer = setInterval(() => {
      if (!document.hidden) this.request('/rooms', 'rooms');
    }, ROOMS_REFRESH_MS);
  }

  /** Now in room (after login, a reconnect or a /join): the window, panel and lists for it. */
  enterRoom(room) {
    const same = room === this.room;
    this.room = room;
    if (same && this.resuming) this.views.timeline.resume(room);
    else this.views.timeline.switchRoom(room);
    this.resuming = false;
    this.views.panel.setRoom(room);
    this.views.chat.show(room);
    this.request(`/history ${HISTORY_COUNT}`, 'history');
    this.request('/who', 'users');
    this.request('/rooms', 'rooms');
  }

  request(line, reply) {
    if (this.connection.send(line)) this.asked[reply].push('page');
  }

  /** Whether the user (not the page) asked for this reply; replies nobody asked for are the server's own. */
  askedByUser(reply) {
    return this.asked[reply].shift() === 'user';
  }

  // ---------------------------------------------------------------- chatting

  onEvent(event) {
    if (ROOM_EVENTS.has(event.type)) {
      if (event.type === 'join' && event.user === this.name && event.room !== this.room) {
        this.enterRoom(event.room);
      } else if (event.type === 'join' && event.user === this.name && this.resuming) {
        this.enterRoom(event.room);
      }
      if (event.type === 'nick' && event.from === this.name) {
        this.name = event.to;
        this.views.timeline.setMe(this.name);
      }
      this.views.timeline.event(event);
      this.views.panel.event(event);
      return;
    }
    switch (event.type) {
      case 'users':
        this.views.panel.setUsers(event.room, event.users);
        if (this.askedByUser('users')) this.views.timeline.notice('info', `users in #${event.room}: ${event.users.join(', ')}`);
        break;
      case 'rooms':
        this.views.panel.setRooms(event.rooms);
        if (this.askedByUser('rooms')) {
          this.views.timeline.notice('info', 'rooms: ' + event.rooms.map((r) => `#${r.room} (${r.users})`).join(', '));
        }
        break;
      case 'history':
        this.views.timeline.history(event.room, event.events, this.askedByUser('history'));
        break;
      case 'private':
        this.views.timeline.privateMessage(event);
        break;
      case 'info':
        this.views.timeline.notice('info', event.text);
        if (event.text === 'server shutting down') this.downReason = 'The chat server shut down.';
        if (event.text === 'bye') {
          this.state = 'left';
          this.connection.stop();
        }
        break;
      case 'error':
        if (event.text === 'history is off') {
          this.asked.history.shift();
          this.views.timeline.noHistory();
        }
        this.views.timeline.notice('error', event.text);
        break;
      default:
        this.views.timeline.notice('plain', JSON.stringify(event));
    }
  }
}
