// Wires the page together: one Connection, one Session, and the views it drives.

import { Connection, websocketUrl } from './connection.js';
import { MAX_LINE_BYTES, byteLength } from './lines.js';
import { LoginView } from './login.js';
import { Panel } from './panel.js';
import { Session } from './session.js';
import { StatusLine } from './status.js';
import { Timeline } from './timeline.js';

const $ = (id) => document.getElementById(id);

const chatSection = $('chat');
const message = $('message');
const sendError = $('send-error');
const toggle = $('panel-toggle');
const panelElement = $('panel');

const chat = {
  show(room) {
    chatSection.hidden = false;
    $('room-title').textContent = `#${room}`;
    message.placeholder = `Message #${room}, or /help`;
    document.title = `#${room} · chatd`;
    // After logging in (the name field just hid) the focus belongs in the message box.
    if (!chatSection.contains(document.activeElement)) message.focus();
  },
  hide() {
    chatSection.hidden = true;
    $('room-title').textContent = '';
    document.title = 'chatd';
  },
};

let session;
const connection = new Connection(websocketUrl(window.location), {
  onOpen: () => session.onOpen(),
  onFrame: (line) => session.onFrame(line),
  onClose: (close) => session.onClose(close),
  onWaiting: (ms) => session.onWaiting(ms),
});
const login = new LoginView({
  section: $('login'), form: $('login-form'), name: $('name'), button: $('login-button'),
  error: $('name-error'), title: $('login-title'),
}, (name) => session.logIn(name));
const panel = new Panel({
  users: $('users'), rooms: $('rooms'), roomName: $('panel-room'), userCount: $('user-count'),
  toggleCount: $('toggle-count'),
}, document, (room) => {
  session.join(room);
  setPanelOpen(false);
  message.focus();
});
session = new Session(connection, {
  timeline: new Timeline($('log'), document),
  panel,
  login,
  status: new StatusLine($('status')),
  chat,
});

$('send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const line = message.value;
  if (line.trim() === '') return;
  if (byteLength(line) > MAX_LINE_BYTES) {
    sendError.textContent = `That line is too long (${byteLength(line)} bytes; at most ${MAX_LINE_BYTES}).`;
    return;
  }
  if (!session.type(line)) {
    sendError.textContent = 'Not connected: the line was not sent. It is still in the box.';
    return;
  }
  sendError.textContent = '';
  message.value = '';
});

// On a narrow screen the panel is folded away behind a button.
function setPanelOpen(open) {
  toggle.setAttribute('aria-expanded', String(open));
  panelElement.classList.toggle('open', open);
}
toggle.addEventListener('click', () => setPanelOpen(toggle.getAttribute('aria-expanded') !== 'true'));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && panelElement.classList.contains('open')) {
    setPanelOpen(false);
    toggle.focus();
  }
});

connection.start();
