// The window of the current room's lines: filled from /history, kept in seq order, and told
// when a seq is missing. Everything is rendered with textContent: a line is never markup.

import { bySeq, localTime } from './lines.js';

const MAX_ENTRIES = 1000;
/** How close to the bottom (px) counts as "reading the newest lines", so new lines scroll into view. */
const STICKY_PX = 48;

/**
 * The last seq shown of one room, and what a new one means: shown, a repeat to skip, or shown
 * after a gap (lines the server numbered but this page never got).
 */
export class SeqTracker {
  constructor() {
    this.last = null;
  }

  /** {show, gap: null or {from, to}} for an event numbered seq. */
  accept(seq) {
    if (this.last === null) {
      this.last = seq;
      return { show: true, gap: null };
    }
    if (seq <= this.last) return { show: false, gap: null };
    const gap = seq > this.last + 1 ? { from: this.last + 1, to: seq - 1 } : null;
    this.last = seq;
    return { show: true, gap };
  }

  reset() {
    this.last = null;
  }
}

export class Timeline {
  constructor(list, document) {
    this.list = list;
    this.document = document;
    this.room = null;
    this.me = null;
    this.seq = new SeqTracker();
    // Room events that arrive before the room's history are held, then merged with it by seq.
    this.waiting = null;
  }

  /** Whose lines are marked as one's own. */
  setMe(name) {
    this.me = name;
  }

  /** A new room: an empty window, to be filled by its history. */
  switchRoom(room) {
    this.room = room;
    this.seq.reset();
    this.list.replaceChildren();
    this.waiting = [];
  }

  /** Back in the same room after a reconnect: the window stays, its history fills what was missed. */
  resume(room) {
    if (room !== this.room) {
      this.switchRoom(room);
      return;
    }
    this.waiting = [];
  }

  /** A live room event (message, action, join, leave, nick). */
  event(event) {
    if (event.room !== this.room) return;
    if (this.waiting) {
      this.waiting.push(event);
      return;
    }
    this.show(event);
  }

  /** The room's history: what the window is filled from on load, after a reconnect and on a room switch. */
  history(room, events, asked) {
    if (room !== this.room) return;
    const held = this.waiting || [];
    this.waiting = null;
    const all = bySeq([...events, ...held]);
    if (this.seq.last !== null && all.length > 0 && all[all.length - 1].seq < this.seq.last) {
      // The room's numbers started again: it was created anew (a server restart empties every room).
      this.divider(`#${room} started again`);
      this.seq.reset();
    }
    for (const event of all) this.show(event, true);
    if (asked) this.notice('info', `history of #${room}: ${events.length} events`);
  }

  /** History cannot come (the server keeps none): show what was held. */
  noHistory() {
    const held = bySeq(this.waiting || []);
    this.waiting = null;
    for (const event of held) this.show(event);
  }

  /** A private message: set apart, never part of a room's numbering. */
  privateMessage(event) {
    const mine = event.from === this.me;
    const entry = this.entry('private' + (mine ? ' own' : ''), new Date());
    this.span(entry, 'label', mine ? `private to ${event.to}:` : `private from ${event.from}:`);
    this.span(entry, 'text', event.text);
    this.append(entry);
  }

  /** A server notice or error for this user alone ('info', 'error'), or a plain text line ('plain'). */
  notice(kind, text) {
    const entry = this.entry(kind, new Date());
    this.span(entry, 'text', text);
    this.append(entry);
  }

  /** A quiet line between runs of lines, e.g. after a reconnect. */
  divider(text) {
    const entry = this.document.createElement('li');
    entry.className = 'entry divider';
    entry.textContent = text;
    this.append(entry);
  }

  show(event, fromHistory = false) {
    const verdict = this.seq.accept(event.seq);
    if (!verdict.show) return;
    if (verdict.gap) {
      const count = verdict.gap.to - verdict.gap.from + 1;
      this.notice('warning', count === 1
        ? `1 line is missing here (#${verdict.gap.from}); reload to see the room's history`
        : `${count} lines are missing here (#${verdict.gap.from}–${verdict.gap.to}); reload to see the room's history`);
    }
    const entry = this.render(event);
    if (fromHistory) entry.classList.add('past');
    this.append(entry);
  }

  render(event) {
    const time = new Date(event.ts);
    switch (event.type) {
      case 'message': {
        const entry = this.entry('message' + (event.from === this.me ? ' own' : ''), time);
        this.span(entry, 'from', `${event.from}:`);
        this.span(entry, 'text', event.text);
        return this.seqOf(entry, event);
      }
      case 'action': {
        const entry = this.entry('action' + (event.from === this.me ? ' own' : ''), time);
        this.span(entry, 'text', `${event.from} ${event.text}`);
        return this.seqOf(entry, event);
      }
      case 'join':
        return this.seqOf(this.quiet(time, `${event.user} joined #${event.room}`), event);
      case 'leave':
        return this.seqOf(this.quiet(time, `${event.user} left #${event.room}` + (event.reason ? ` (${event.reason})` : '')), event);
      case 'nick':
        return this.seqOf(this.quiet(time, `${event.from} is now known as ${event.to}`), event);
      default:
        return this.quiet(time, JSON.stringify(event));
    }
  }

  quiet(time, text) {
    const entry = this.entry('notice', time);
    this.span(entry, 'text', text);
    return entry;
  }

  seqOf(entry, event) {
    entry.dataset.seq = String(event.seq);
    return entry;
  }

  entry(kind, time) {
    const entry = this.document.createElement('li');
    entry.className = `entry ${kind}`;
    const stamp = this.document.createElement('time');
    if (!Number.isNaN(time.getTime())) {
      stamp.dateTime = time.toISOString();
      stamp.title = time.toLocaleString();
      stamp.textContent = localTime(time);
    }
    entry.append(stamp);
    return entry;
  }

  span(entry, className, text) {
    const span = this.document.createElement('span');
    span.className = className;
    span.textContent = text;
    entry.append(' ', span);
  }

  append(entry) {
    const list = this.list;
    const sticky = list.scrollHeight - list.scrollTop - list.clientHeight < STICKY_PX;
    list.append(entry);
    while (list.childElementCount > MAX_ENTRIES) list.firstElementChild.remove();
    if (sticky) list.scrollTop = list.scrollHeight;
  }
}
