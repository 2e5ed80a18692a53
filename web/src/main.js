// Entry of the page bundle: defines <b2b-pulse>.
import { B2BPulseElement } from './element.js';

export { B2BPulseElement };
