/** Base for every `ab-*` event: bubbles and crosses shadow roots, so hosts may listen on any ancestor. */
export class AbEvent<D> extends Event {
  readonly detail: D;
  constructor(type: string, detail: D, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
}
