// The side panel: who is in the room, and the rooms with their counts; a room is a button that
// joins it. Kept current from the room's events; other rooms' counts from /rooms.

const byName = (a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;

export class Panel {
  constructor(elements, document, onJoin) {
    this.el = elements;
    this.document = document;
    this.onJoin = onJoin;
    this.me = null;
    this.room = null;
    this.users = [];
    this.rooms = new Map();
  }

  setMe(name) {
    this.me = name;
    this.renderUsers();
  }

  /** The room the user is in now; its user list is unknown until the server says. */
  setRoom(room) {
    this.room = room;
    this.users = [];
    this.el.roomName.textContent = `#${room}`;
    this.renderUsers();
    this.renderRooms();
  }

  /** A users reply: the whole list of the room. */
  setUsers(room, users) {
    if (room !== this.room) return;
    this.users = [...users].sort(byName);
    this.countRoom();
  }

  /** A rooms reply: every room and how many are in it. */
  setRooms(rooms) {
    this.rooms = new Map(rooms.map((r) => [r.room, r.users]));
    this.countRoom();
  }

  /** A room event: joins, leaves and renames change the list and the room's count. */
  event(event) {
    if (event.room !== this.room) return;
    if (event.type === 'join' && !this.users.includes(event.user)) {
      this.users = [...this.users, event.user].sort(byName);
    } else if (event.type === 'leave') {
      this.users = this.users.filter((name) => name !== event.user);
    } else if (event.type === 'nick') {
      this.users = this.users.map((name) => (name === event.from ? event.to : name)).sort(byName);
      if (event.from === this.me) this.me = event.to;
    } else {
      return;
    }
    this.countRoom();
  }

  /** The current room's count is the list's length, which the events keep exact. */
  countRoom() {
    if (this.room !== null && this.users.length > 0) this.rooms.set(this.room, this.users.length);
    this.renderUsers();
    this.renderRooms();
  }

  renderUsers() {
    const items = this.users.map((name) => {
      const item = this.document.createElement('li');
      item.textContent = name;
      if (name === this.me) {
        item.classList.add('me');
        const you = this.document.createElement('span');
        you.className = 'you';
        you.textContent = ' (you)';
        item.append(you);
      }
      return item;
    });
    this.el.users.replaceChildren(...items);
    this.el.userCount.textContent = this.users.length ? `(${this.users.length})` : '';
    this.el.toggleCount.textContent = this.users.length ? ` (${this.users.length})` : '';
  }

  renderRooms() {
    const names = [...this.rooms.keys()];
    if (this.room !== null && !this.rooms.has(this.room)) names.push(this.room);
    names.sort();
    const items = names.map((room) => {
      const item = this.document.createElement('li');
      const button = this.document.createElement('button');
      button.type = 'button';
      button.className = 'room';
      button.dataset.room = room;
      const name = this.document.createElement('span');
      name.className = 'name';
      name.textContent = `#${room}`;
      const count = this.document.createElement('span');
      count.className = 'count';
      count.textContent = String(this.rooms.get(room) ?? '');
      button.append(name, ' ', count);
      if (room === this.room) {
        button.setAttribute('aria-current', 'true');
        button.title = `You are in #${room}`;
      } else {
        button.title = `Join #${room}`;
        button.addEventListener('click', () => this.onJoin(room));
      }
      item.append(button);
      return item;
    });
    this.el.rooms.replaceChildren(...items);
  }
}
