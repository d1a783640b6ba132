import type { AnyModule } from './platform/module.js';
import reference from './reference/index.js';
import people from './people/index.js';
import events from './events/index.js';
import comments from './comments/index.js';
import plans from './plans/index.js';
import proposals from './proposals/index.js';
import agreements from './agreements/index.js';
import monitoring from './monitoring/index.js';
import huisvesting from './huisvesting/index.js';
import signals from './signals/index.js';
import measures from './measures/index.js';

/**
 * The capabilities of the server, in the order their services are made (each may use those listed before it) and
 * their abilities are listed. The schema, the services, the request context, the abilities, the event and comment
 * subjects and the HTTP exports are all built from this list: adding a capability is its folder and a line here.
 */
export const modules: readonly AnyModule[] = [reference, people, events, comments, plans, proposals, agreements, monitoring, huisvesting, signals, measures];
