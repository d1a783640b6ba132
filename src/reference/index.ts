import { defineModule } from '../platform/module.js';
import { Gemeente, GemeenteImport, OpvangtypeRecord, Province, Uitplaatsingsregio } from './entities.js';
import { GemeenteResolver, OpvangtypeResolver, ProvinceResolver, UitplaatsingsregioResolver } from './reference.resolver.js';
import { ReferenceService, type ReferenceLoaders } from './reference.service.js';

export { Gemeente, GemeenteImport, OpvangtypeRecord, Province, Uitplaatsingsregio } from './entities.js';
export { Opvangtype, PROVINCE_CODES, ProvinceCode, provinceCodeParam } from './enums.js';
export { normaliseGemeenteCode, ReferenceService } from './reference.service.js';
export { readingPlacesAhead } from './read-ahead.js';

declare module '../platform/context.js' {
  interface Services {
    reference: ReferenceService;
  }
  interface Loaders extends ReferenceLoaders {}
}

/** Provinces, gemeenten, uitplaatsingsregio's and opvangtypes: open to anyone signed in. */
export default defineModule({
  name: 'reference',
  resolvers: [ProvinceResolver, GemeenteResolver, UitplaatsingsregioResolver, OpvangtypeResolver],
  entities: [Uitplaatsingsregio, Province, Gemeente, GemeenteImport, OpvangtypeRecord],
  createService: ({ db }) => new ReferenceService(db),
  createLoaders: (reference) => reference.createLoaders(),
});
