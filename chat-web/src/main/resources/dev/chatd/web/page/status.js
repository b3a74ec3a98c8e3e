// The one status line: connected, reconnecting (and when), or gone.

export class StatusLine {
  constructor(element) {
    this.element = element;
  }

  /** state is 'ok', 'waiting' or 'down'; it picks the colour, the text says the rest. */
  show(state, text) {
    this.element.dataset.state = state;
    this.element.textContent = text;
  }
}
