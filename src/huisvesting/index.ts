import { defineModule } from '../platform/module.js';
import { huisvestingEvents } from './huisvesting.events.js';
import { GemeenteTaakstellingGemeenteResolver, GemeenteTaakstellingResolver, HerverdelingPartResolver, HuisvestingResolver, ProvinceHuisvestingResolver } from './huisvesting.resolver.js';
import { HuisvestingService, type HuisvestingLoaders } from './huisvesting.service.js';
import { huisvestingExports } from './exports.js';
import { huisvestingAbilities } from './huisvesting.abilities.js';
import { ProvinceOverviewVereveningResolver } from './verevening.resolver.js';

export { HuisvestingService } from './huisvesting.service.js';
export { HuisvestingEventKind, HuisvestingEventSubject } from './huisvesting.events.js';
export { gemeenteTaakstelling, herverdelingProblem, parseHalfYear, formatHalfYear } from './rules.js';
export { importKoppelingen, parseKoppelingCsv, PersonDataRefused, type KoppelingImportSummary } from './koppeling.js';
export { importPopulation, parseCbsPopulation, PopulationIncomplete, type PopulationImportSummary } from './population-import.js';

declare module '../platform/context.js' {
  interface Services {
    huisvesting: HuisvestingService;
  }
  interface Loaders extends HuisvestingLoaders {}
}

/** Huisvesting of vergunninghouders: taakstelling per gemeente and half-year, herverdeling, verevening, koppeling. */
export default defineModule({
  name: 'huisvesting',
  resolvers: [HuisvestingResolver, GemeenteTaakstellingResolver, GemeenteTaakstellingGemeenteResolver, HerverdelingPartResolver, ProvinceHuisvestingResolver, ProvinceOverviewVereveningResolver],
  createService: ({ db }) => new HuisvestingService(db),
  createLoaders: (huisvesting) => huisvesting.createLoaders(),
  contributes: { eventSubjects: huisvestingEvents, abilities: huisvestingAbilities },
  exports: huisvestingExports,
});
