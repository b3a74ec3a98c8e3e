// The name form: what was typed, and the server's refusal shown beside the field.

export class LoginView {
  constructor(elements, onSubmit) {
    this.el = elements;
    this.el.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = this.el.name.value.trim();
      if (name === '') {
        this.error('Type a name first.');
        return;
      }
      this.error('');
      this.el.button.disabled = true;
      onSubmit(name);
    });
  }

  /** Shows the form, ready to type into. */
  show(serverName) {
    if (serverName) this.el.title.textContent = `Join ${serverName}`;
    this.el.section.hidden = false;
    this.el.button.disabled = false;
    this.el.name.focus();
  }

  hide() {
    this.el.section.hidden = true;
  }

  /** The server's words for a refused name (or ''), beside the field; the field is marked invalid. */
  error(text) {
    this.el.error.textContent = text;
    if (text) {
      this.el.name.setAttribute('aria-invalid', 'true');
      this.el.button.disabled = false;
      this.el.name.focus();
      this.el.name.select();
    } else {
      this.el.name.removeAttribute('aria-invalid');
    }
  }
}
