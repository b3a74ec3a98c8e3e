// What the chat server's lines mean to the page. Pure functions: no DOM, no socket.

/** The prompt the server sends, with no line end, when it wants a name (PROTOCOL.md, "Session"). */
export const PROMPT = 'Username: ';

/** The servers' line limit in bytes (PROTOCOL.md, "Framing"); the gateway closes on longer messages. */
export const MAX_LINE_BYTES = 4096;

const encoder = new TextEncoder();

/** The size of a line as the server counts it: UTF-8 bytes. */
export function byteLength(text) {
  return encoder.encode(text).length;
}

/** A line in JSON mode is one object; anything else (the text lines before /json) is null. */
export function parseJson(line) {
  if (!line.startsWith('{')) return null;
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === 'object' && typeof value.type === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * What a text line means right after a name was sent: the name accepted (the server's own join
 * line, which gives the name as held), a refusal ('! ' lines), or nothing to do with the login.
 */
export function loginReply(line) {
  const joined = /^\* (\S+) joined #lobby$/.exec(line);
  if (joined) return { accepted: true, name: joined[1] };
  if (line.startsWith('! ')) return { accepted: false, error: line.slice(2) };
  return null;
}

/** The command word of a typed line, lower case ('/WHO x' is 'who'); null for a message ('//x' included). */
export function commandWord(typed) {
  const match = /^\/([^\s/]\S*)/.exec(typed);
  return match ? match[1].toLowerCase() : null;
}

/** The local time of an event's ISO timestamp, hours and minutes (seconds in its title). */
export function localTime(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** A room's events, sorted by seq with duplicates dropped (history and live lines may overlap). */
export function bySeq(events) {
  const seen = new Map();
  for (const event of events) {
    if (typeof event.seq === 'number' && !seen.has(event.seq)) seen.set(event.seq, event);
  }
  return [...seen.values()].sort((a, b) => a.seq - b.seq);
}

/** The event types that carry a room's seq (PROTOCOL.md, "JSON output"). */
export const ROOM_EVENTS = new Set(['message', 'action', 'join', 'leave', 'nick']);
